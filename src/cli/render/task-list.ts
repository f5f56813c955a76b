/**
 * Progress on a terminal: a listr2 task list with one task per service (and
 * per network, volume, image), each showing its current operation. The plan
 * executes on its own; the tasks only mirror its events.
 */
import { Listr, type ListrTask } from "listr2";
import type { ExecutionEvent } from "../../plan/walk.js";
import { operationTarget, type Plan, type PlanSubject } from "../../plan/plan.js";

interface SubjectProgress {
  remaining: number;
  output: string;
  failure?: Error;
  resolve: () => void;
  reject: (error: Error) => void;
  settled: Promise<void>;
}

/** A task list for `plan`; feed it events with `onEvent`, and await `done` after the plan ran. */
export function taskListProgress(plan: Plan): { onEvent: (event: ExecutionEvent) => void; run: Promise<void>; finish: (error?: Error) => void } {
  const subjects = new Map<string, SubjectProgress>();
  const keyOf = (subject: PlanSubject) => `${subject.kind} ${subject.key}`;
  for (const node of plan.nodes) {
    const key = keyOf(node.subject);
    const existing = subjects.get(key);
    if (existing) {
      existing.remaining += 1;
      continue;
    }
    let resolve: () => void = () => undefined;
    let reject: (error: Error) => void = () => undefined;
    const settled = new Promise<void>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    subjects.set(key, { remaining: 1, output: "waiting", resolve, reject, settled });
  }
  const tasks: ListrTask[] = [...subjects.entries()].map(([title, progress]) => ({
    title,
    task: async (_context, task) => {
      const timer = setInterval(() => {
        task.output = progress.output;
      }, 100);
      try {
        await progress.settled;
      } finally {
        clearInterval(timer);
      }
    },
  }));
  const list = new Listr(tasks, { concurrent: true, exitOnError: false, rendererOptions: { collapseErrors: false } });
  const run = list.run().then(() => undefined);
  const onEvent = (event: ExecutionEvent): void => {
    const progress = subjects.get(keyOf(event.node.subject));
    if (!progress) return;
    const what = `${event.node.operation.kind} ${operationTarget(event.node.operation)}`;
    if (event.type === "started") progress.output = `${what} (${event.node.cause})`;
    if (event.type === "warning") progress.output = event.message;
    if (event.type === "failed") progress.reject(new Error(`${what}: ${event.error.message}`));
    if (event.type === "done") {
      progress.remaining -= 1;
      if (progress.remaining === 0) progress.resolve();
    }
  };
  // Subjects whose nodes never ran (a failure elsewhere stopped the plan) end as skipped failures.
  const finish = (error?: Error): void => {
    for (const progress of subjects.values()) {
      if (progress.remaining > 0) progress.reject(error ?? new Error("not run"));
    }
  };
  return { onEvent, run, finish };
}
