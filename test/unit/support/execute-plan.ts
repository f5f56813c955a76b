/**
 * Runs a Docker plan on an engine the way `up` does (the shared DAG walk,
 * one engine call per node, the single engine's failure wording), without
 * a session: for planner and executor tests.
 */
import { type Clock, systemClock } from "../../../src/base/clock.js";
import type { Engine } from "../../../src/docker-api/engine.js";
import type { StackEvent } from "../../../src/events/stack-event.js";
import { walkPlan } from "../../../src/plan/walk.js";
import { describeDockerFailure } from "../../../src/targets/docker/failures.js";
import type { DockerPlan } from "../../../src/targets/docker/operations.js";
import { runDockerOperation } from "../../../src/targets/docker/run-operation.js";

/** How a test runs a plan. */
export interface ExecuteOptions {
  readonly parallelism: number;
  readonly waitTimeoutMs: number;
  readonly onEvent?: (event: StackEvent) => void;
  readonly signal?: AbortSignal;
  /** The clock the operations' retries and waits sleep on (default: the real one). */
  readonly clock?: Clock;
}

/** Walks `plan` on `engine`; throws what failed, as `up` would. */
export function executePlan(engine: Engine, plan: DockerPlan, options: ExecuteOptions): Promise<void> {
  const context = { waitTimeoutMs: options.waitTimeoutMs, clock: options.clock ?? systemClock, ...(options.signal ? { signal: options.signal } : {}) };
  return walkPlan(plan, (node) => runDockerOperation(engine, node, context), {
    parallelism: options.parallelism,
    emit: options.onEvent ?? (() => undefined),
    describeFailure: describeDockerFailure,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
