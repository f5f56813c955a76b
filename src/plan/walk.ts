/**
 * Walks a plan's DAG: one engine call per node, dependencies first, at most
 * `parallelism` at a time. No decisions of its own beyond "what is ready".
 *
 * A failed node stops only what depends on it: the rest of the plan still
 * runs (a port conflict on one service does not keep an unrelated one down),
 * and the failures are thrown together at the end (PlanFailedError). An
 * unreachable engine stops everything: nothing else could succeed.
 *
 * The signal (SIGINT, SIGTERM) stops new work: no node starts after it, the
 * engine calls already in flight finish (a create is never cut in half, so
 * every container that exists carries its labels), waits end at once, and
 * the run ends with PlanInterruptedError naming what was done and what not.
 */
import type { Engine } from "../docker-api/engine.js";
import { ConditionError, EngineError, EngineUnavailableError } from "../base/errors.js";
import { type Clock, systemClock } from "../base/clock.js";
import { awaitCondition } from "../targets/docker/supervision/await-condition.js";
import { type NodeFailure, PlanFailedError, PlanInterruptedError, progressByService } from "./outcome.js";
import type { Operation, Plan, PlanNode } from "./plan.js";

/** Progress of one node. */
export type ExecutionEvent =
  | { readonly type: "started"; readonly node: PlanNode }
  | { readonly type: "done"; readonly node: PlanNode }
  | { readonly type: "failed"; readonly node: PlanNode; readonly error: Error }
  /** Never started: a node it waits for failed (or was itself skipped). */
  | { readonly type: "skipped"; readonly node: PlanNode; readonly because: string }
  | { readonly type: "warning"; readonly node: PlanNode; readonly message: string };

/** How to execute. */
export interface ExecuteOptions {
  readonly parallelism: number;
  /** For `depends_on` conditions and data containers' seed commands. */
  readonly waitTimeoutMs: number;
  readonly onEvent?: (event: ExecutionEvent) => void;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
}

/** Executes every node of `plan` it can; throws what failed (or that it was interrupted) at the end. */
export async function executePlan(engine: Engine, plan: Plan, options: ExecuteOptions): Promise<void> {
  const emit = options.onEvent ?? (() => undefined);
  const pending = [...plan.nodes];
  const finished = new Set<string>();
  /** Failed or skipped: whatever waits for these is skipped. */
  const blocked = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const failures: NodeFailure[] = [];
  const skipped: PlanNode[] = [];
  let unreachable: EngineUnavailableError | undefined;
  const stopped = () => unreachable !== undefined || options.signal?.aborted === true;
  while (pending.length > 0 || running.size > 0) {
    skipBlocked(pending, blocked, skipped, emit);
    while (!stopped() && running.size < options.parallelism) {
      const index = pending.findIndex((node) => node.after.every((id) => finished.has(id)));
      if (index < 0) break;
      const [node] = pending.splice(index, 1) as [PlanNode];
      emit({ type: "started", node });
      const task = runNode(engine, node, options, emit)
        .then(() => {
          finished.add(node.id);
          emit({ type: "done", node });
        })
        .catch((error: unknown) => {
          const wrapped = error instanceof Error ? error : new Error(String(error));
          if (wrapped instanceof EngineUnavailableError) unreachable ??= wrapped;
          blocked.add(node.id);
          // A wait cut short by the signal is not a failure of the stack.
          if (!options.signal?.aborted || !(node.operation.kind === "await-condition" || node.operation.kind === "run-data-container")) {
            failures.push({ node, error: wrapped });
          }
          emit({ type: "failed", node, error: wrapped });
        })
        .finally(() => running.delete(node.id));
      running.set(node.id, task);
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (unreachable) throw unreachable;
  if (options.signal?.aborted) {
    const { done, left } = progressByService(plan.nodes, finished);
    throw new PlanInterruptedError(done, left);
  }
  if (failures.length > 0) throw new PlanFailedError(failures, skipped, plan.nodes);
}

/**
 * Removes from `pending` every node waiting for a blocked one. `pending` is
 * in plan order (dependencies first), so one pass also catches nodes waiting
 * for a node skipped earlier in the same pass.
 */
function skipBlocked(pending: PlanNode[], blocked: Set<string>, skipped: PlanNode[], emit: (event: ExecutionEvent) => void): void {
  for (let index = 0; index < pending.length; ) {
    const node = pending[index] as PlanNode;
    const cause = node.after.find((id) => blocked.has(id));
    if (cause === undefined) {
      index += 1;
      continue;
    }
    pending.splice(index, 1);
    blocked.add(node.id);
    skipped.push(node);
    emit({ type: "skipped", node, because: cause });
  }
}

async function runNode(engine: Engine, node: PlanNode, options: ExecuteOptions, emit: (event: ExecutionEvent) => void): Promise<void> {
  const operation: Operation = node.operation;
  switch (operation.kind) {
    case "create-network":
      return engine.createNetwork(operation.spec);
    case "remove-network":
      return engine.removeNetwork(operation.name);
    case "create-volume":
      return engine.createVolume(operation.spec);
    case "remove-volume":
      return engine.removeVolume(operation.name);
    case "pull-image":
      return engine.pullImage(operation.reference);
    case "build-image":
      return engine.buildImage(operation.spec);
    case "remove-image":
      return engine.removeImage(operation.reference);
    case "create-container":
      await engine.createContainer(operation.spec);
      return;
    case "start-container":
      return engine.startContainer(operation.name);
    case "run-data-container":
      return runDataContainer(engine, operation.name, options);
    case "stop-container":
      return engine.stopContainer(operation.name, operation.timeoutSeconds);
    case "remove-container":
      return engine.removeContainer(operation.name, { force: true, removeVolumes: operation.removeVolumes });
    case "rename-container":
      return engine.renameContainer(operation.name, operation.newName);
    case "await-condition":
      try {
        await awaitCondition(
          engine,
          { ...operation, timeoutMs: options.waitTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) },
          options.clock ?? systemClock,
        );
      } catch (error) {
        if (operation.required || !(error instanceof ConditionError)) throw error;
        emit({ type: "warning", node, message: `${error.message} (required: false, going on)` });
      }
      return;
  }
}

/** Runs a data container's command to completion; a non-zero exit fails with its last output. */
async function runDataContainer(engine: Engine, name: string, options: ExecuteOptions): Promise<void> {
  await engine.startContainer(name);
  const exitCode = await engine.waitContainer(name, options.signal);
  if (exitCode === 0) return;
  const lines: string[] = [];
  for await (const chunk of engine.logs(name, { follow: false, tail: 10, timestamps: false })) lines.push(chunk.text);
  const output = lines.join("").trim();
  throw new EngineError(`data container ${name}: its command exited with code ${exitCode}${output ? `:\n${output}` : ""}`);
}
