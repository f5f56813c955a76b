/**
 * Progress on a terminal: a listr2 task list with one task per service (and
 * per network, volume, image), each showing its current step. The plan runs
 * on its own; the tasks only mirror its events.
 */
import { Listr, type ListrTask } from "listr2";
import type { PlanStep, PlanSubject, StackEventOf } from "../../events/stack-event.js";
import { stepPhrase } from "../../plan/format.js";

interface SubjectProgress {
  remaining: number;
  output: string;
  resolve: () => void;
  reject: (error: Error) => void;
  settled: Promise<void>;
}

/** A task list for `steps`; feed it step events, and await `run` after the plan ran. */
export function taskListProgress(steps: readonly PlanStep[]): { onStep: (event: StackEventOf<"step">) => void; run: Promise<void>; finish: (error?: Error) => void } {
  const subjects = new Map<string, SubjectProgress>();
  const keyOf = (subject: PlanSubject) => `${subject.kind} ${subject.key}`;
  for (const step of steps) {
    const key = keyOf(step.subject);
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
  const onStep = (event: StackEventOf<"step">): void => {
    const progress = subjects.get(keyOf(event.step.subject));
    if (!progress) return;
    const what = stepPhrase(event.step);
    if (event.phase === "started") progress.output = `${what} (${event.step.cause})`;
    if (event.phase === "warning") progress.output = event.message;
    if (event.phase === "failed") progress.reject(new Error(`${what}: ${event.error}`));
    if (event.phase === "done") {
      progress.remaining -= 1;
      if (progress.remaining === 0) progress.resolve();
    }
  };
  // Subjects whose steps never ran (a failure elsewhere stopped the plan) end as skipped failures.
  const finish = (error?: Error): void => {
    for (const progress of subjects.values()) {
      if (progress.remaining > 0) progress.reject(error ?? new Error("not run"));
    }
  };
  return { onStep, run, finish };
}
