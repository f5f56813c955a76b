/**
 * Walks a plan's DAG: one engine call per node, dependencies first, at most
 * `parallelism` at a time. No decisions of its own beyond "what is ready".
 * After a failure nothing new starts; what already runs finishes; the first
 * failure is thrown.
 */
import type { Engine } from "../engine/engine.js";
import { ConditionError, EngineError } from "../errors.js";
import { awaitCondition, type Clock, systemClock } from "../runtime/await-condition.js";
import type { Operation, Plan, PlanNode } from "./plan.js";

/** Progress of one node. */
export type ExecutionEvent =
  | { readonly type: "started"; readonly node: PlanNode }
  | { readonly type: "done"; readonly node: PlanNode }
  | { readonly type: "failed"; readonly node: PlanNode; readonly error: Error }
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

/** Executes every node of `plan`; throws the first failure. */
export async function executePlan(engine: Engine, plan: Plan, options: ExecuteOptions): Promise<void> {
  const emit = options.onEvent ?? (() => undefined);
  const pending = [...plan.nodes];
  const finished = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let failure: Error | undefined;
  while (pending.length > 0 || running.size > 0) {
    while (!failure && !options.signal?.aborted && running.size < options.parallelism) {
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
          failure ??= wrapped;
          emit({ type: "failed", node, error: wrapped });
        })
        .finally(() => running.delete(node.id));
      running.set(node.id, task);
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (failure) throw failure;
  if (options.signal?.aborted) throw new EngineError("interrupted");
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
