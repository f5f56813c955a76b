/**
 * Walks a plan's DAG, the same for every target: one call to the target per
 * node, dependencies first, at most `parallelism` at a time, and no
 * decisions of its own beyond "what is ready". Each step's start, end,
 * failure, skip and warning is an event.
 *
 * A failed node stops only what depends on it: the rest of the plan still
 * runs (a port conflict on one service does not keep an unrelated one down),
 * and the failures are thrown together at the end (PlanFailedError). An
 * unreachable engine stops everything: nothing else could succeed.
 *
 * The signal (SIGINT, SIGTERM) stops new work: no node starts after it, the
 * calls already in flight finish (a create is never cut in half, so every
 * object that exists carries its labels), waits end at once, and the run
 * ends with PlanInterruptedError naming what was done and what not.
 */
import { type Clock, systemClock } from "../base/clock.js";
import { EngineUnavailableError, InterruptedWaitError } from "../base/errors.js";
import type { EventSink } from "../events/stack-event.js";
import { type DescribeFailure, describeFailureBySubject, type NodeFailure, PlanFailedError, PlanInterruptedError, progressByService } from "./outcome.js";
import type { Plan, PlanNode, PlanOperation } from "./plan.js";
import { stepOf } from "./plan.js";

/** What running one node can report besides success: a failure that the stack tolerates. */
export interface NodeOutcome {
  readonly warning?: string;
}

/** Runs one node; throws what failed. */
export type RunNode<Op extends PlanOperation> = (node: PlanNode<Op>) => Promise<NodeOutcome | void>;

/** How to walk. */
export interface WalkOptions<Op extends PlanOperation> {
  readonly parallelism: number;
  readonly emit: EventSink;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** A failure in the user's words; the target knows its operations (default: by subject). */
  readonly describeFailure?: DescribeFailure<Op>;
}

/** The walk's bookkeeping. */
interface WalkState<Op extends PlanOperation> {
  readonly pending: PlanNode<Op>[];
  readonly finished: Set<string>;
  /** Failed or skipped: whatever waits for these is skipped. */
  readonly blocked: Set<string>;
  readonly running: Map<string, Promise<void>>;
  readonly failures: NodeFailure<Op>[];
  readonly skipped: PlanNode<Op>[];
  unreachable?: EngineUnavailableError;
}

/** Runs every node of `plan` it can; throws what failed (or that it was interrupted) at the end. */
export async function walkPlan<Op extends PlanOperation>(plan: Plan<Op>, run: RunNode<Op>, options: WalkOptions<Op>): Promise<void> {
  const state: WalkState<Op> = { pending: [...plan.nodes], finished: new Set(), blocked: new Set(), running: new Map(), failures: [], skipped: [] };
  const stopped = () => state.unreachable !== undefined || options.signal?.aborted === true;
  while (state.pending.length > 0 || state.running.size > 0) {
    skipBlocked(state, options);
    while (!stopped() && state.running.size < options.parallelism) {
      const index = state.pending.findIndex((node) => node.after.every((id) => state.finished.has(id)));
      if (index < 0) break;
      const [node] = state.pending.splice(index, 1) as [PlanNode<Op>];
      state.running.set(node.id, runOne(node, run, state, options).finally(() => state.running.delete(node.id)));
    }
    if (state.running.size === 0) break;
    await Promise.race(state.running.values());
  }
  if (state.unreachable) throw state.unreachable;
  if (options.signal?.aborted) {
    const { done, left } = progressByService(plan.nodes, state.finished);
    throw new PlanInterruptedError(done, left);
  }
  if (state.failures.length > 0) {
    const describe = options.describeFailure ?? describeFailureBySubject;
    throw new PlanFailedError(state.failures.map((failure) => ({ ...describe(failure, plan), error: failure.error })), state.skipped);
  }
}

/** Runs one node and records how it ended. */
async function runOne<Op extends PlanOperation>(node: PlanNode<Op>, run: RunNode<Op>, state: WalkState<Op>, options: WalkOptions<Op>): Promise<void> {
  const clock = options.clock ?? systemClock;
  const step = stepOf(node);
  options.emit({ type: "step", phase: "started", step, at: clock.now() });
  try {
    const outcome = await run(node);
    if (outcome?.warning !== undefined) options.emit({ type: "step", phase: "warning", step, message: outcome.warning, at: clock.now() });
    state.finished.add(node.id);
    options.emit({ type: "step", phase: "done", step, at: clock.now() });
  } catch (error) {
    const wrapped = error instanceof Error ? error : new Error(String(error));
    if (wrapped instanceof EngineUnavailableError) state.unreachable ??= wrapped;
    state.blocked.add(node.id);
    // A wait cut short by the signal is not a failure of the stack.
    if (!(options.signal?.aborted && wrapped instanceof InterruptedWaitError)) state.failures.push({ node, error: wrapped });
    options.emit({ type: "step", phase: "failed", step, error: wrapped.message, at: clock.now() });
  }
}

/**
 * Removes from `pending` every node waiting for a blocked one. `pending` is
 * in plan order (dependencies first), so one pass also catches nodes waiting
 * for a node skipped earlier in the same pass.
 */
function skipBlocked<Op extends PlanOperation>(state: WalkState<Op>, options: WalkOptions<Op>): void {
  const clock = options.clock ?? systemClock;
  for (let index = 0; index < state.pending.length; ) {
    const node = state.pending[index] as PlanNode<Op>;
    const cause = node.after.find((id) => state.blocked.has(id));
    if (cause === undefined) {
      index += 1;
      continue;
    }
    state.pending.splice(index, 1);
    state.blocked.add(node.id);
    state.skipped.push(node);
    options.emit({ type: "step", phase: "skipped", step: stepOf(node), because: cause, at: clock.now() });
  }
}
