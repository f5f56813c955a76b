/**
 * Waiting for Swarm services to converge (`up --wait`, a `depends_on`
 * wait, the wait before an old secret is removed): a poll of the service
 * and its tasks every half second, judged by assess.ts, its progress told
 * as `swarm-service` events whenever it changes. A failure names the
 * service, the task, the node and the task's error; a rollback says so.
 */
import type { Clock } from "../../base/clock.js";
import { ConditionError, InterruptedWaitError } from "../../base/errors.js";
import { LABEL_SERVICE } from "../../base/labels.js";
import type { SwarmEngine } from "../../docker-api/swarm-engine.js";
import type { ObservedService } from "../../docker-api/swarm-types.js";
import type { EventSink, SwarmTaskProgress } from "../../events/stack-event.js";
import type { Stack } from "../../stack/model.js";
import { type Assessment, assessService, type TaskFailure } from "./assess.js";
import { projectFilter } from "./convert/names.js";

/** How often the service and its tasks are read. */
export const POLL_INTERVAL_MS = 500;

/** What a wait needs. */
export interface ConvergeOptions {
  readonly engine: SwarmEngine;
  readonly stack: Stack;
  readonly emit: EventSink;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** A service's failure to converge. */
export class ConvergenceError extends ConditionError {
  constructor(
    message: string,
    readonly service: string,
    readonly rolledBack: boolean,
  ) {
    super(message, rolledBack ? "the service runs its previous spec again; fix the stack and run `tsd up --target swarm` again" : "`tsd ps --target swarm` lists the tasks and their errors");
  }
}

/** Node IDs → hostnames, read once per wait. */
async function nodeNames(engine: SwarmEngine): Promise<Map<string, string>> {
  return new Map((await engine.listNodes()).map((node) => [node.id, node.hostname]));
}

function taskText(task: TaskFailure, nodes: ReadonlyMap<string, string>): string {
  const slot = task.slot !== undefined ? ` (slot ${task.slot})` : "";
  return `task ${task.taskId.slice(0, 12)}${slot} on node ${nodes.get(task.nodeId) ?? (task.nodeId || "(none)")}: ${task.state}: ${task.error || "no error reported"}`;
}

/** The failure message of an assessment. */
export function failureMessage(serviceName: string, assessment: Assessment, nodes: ReadonlyMap<string, string>): string {
  const task = assessment.failedTask ? `; ${taskText(assessment.failedTask, nodes)}` : "";
  return `service ${serviceName}: ${assessment.reason}${task}`;
}

function progressOf(serviceName: string, assessment: Assessment, nodes: ReadonlyMap<string, string>) {
  const tasks: SwarmTaskProgress[] = assessment.currentTasks
    .filter((task) => task.desiredState === "running" || task.desiredState === "complete" || task.state === "complete")
    .map((task) => ({ task: task.id, ...(task.slot !== undefined ? { slot: task.slot } : {}), node: nodes.get(task.nodeId) ?? task.nodeId, state: task.state }));
  return { type: "swarm-service", service: serviceName, running: assessment.running, desired: assessment.desired, ...(assessment.updateState ? { updateState: assessment.updateState } : {}), tasks } as const;
}

async function lookUp(options: ConvergeOptions, serviceKey: string): Promise<ObservedService | undefined> {
  const [service] = await options.engine.listServices({ ...projectFilter(options.stack), [LABEL_SERVICE]: serviceKey });
  return service;
}

/** Resolves once `serviceKey` converged; throws a ConvergenceError naming what failed, or that it timed out. */
export async function waitConverged(options: ConvergeOptions, serviceKey: string, expectedHash?: string): Promise<void> {
  const deadline = options.clock.now() + options.timeoutMs;
  const nodes = await nodeNames(options.engine);
  const name = `${options.stack.name}_${serviceKey}`;
  let told = "";
  let last: Assessment | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new InterruptedWaitError(`stopped waiting for service ${name}`);
    const service = await lookUp(options, serviceKey);
    if (service === undefined) throw new ConvergenceError(`service ${name} is not on the swarm`, name, false);
    const assessment = assessService(service, await options.engine.listTasks([service.id]), expectedHash);
    last = assessment;
    for (const task of assessment.currentTasks) if (!nodes.has(task.nodeId) && task.nodeId) nodes.set(task.nodeId, (await nodeNames(options.engine)).get(task.nodeId) ?? task.nodeId);
    const progress = progressOf(name, assessment, nodes);
    const text = JSON.stringify(progress);
    if (text !== told) {
      told = text;
      options.emit({ ...progress, at: options.clock.now() });
    }
    if (assessment.outcome === "converged") return;
    if (assessment.outcome === "failed" || assessment.outcome === "rolled-back") throw new ConvergenceError(failureMessage(name, assessment, nodes), name, assessment.outcome === "rolled-back");
    if (options.clock.now() >= deadline) break;
    await options.clock.sleep(POLL_INTERVAL_MS, options.signal).catch(() => undefined);
  }
  throw new ConvergenceError(`service ${name} did not converge within ${Math.round(options.timeoutMs / 1000)} s: ${failureMessage(name, last, nodes).replace(`service ${name}: `, "")}`, name, false);
}
