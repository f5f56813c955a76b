/**
 * A plan: a DAG of single operations, each with the reason it is there. A
 * target's planner builds it without I/O; the DAG walk (walk.ts) runs it,
 * one call to the target per node, without decisions of its own; `tsd plan`
 * prints it (format.ts). The operations are the target's own (a container
 * to create, a Swarm service to update); everything here works for any.
 */
import type { HeldChange, PlanStep, PlanSubject, StepAction } from "../events/stack-event.js";

export type { HeldChange, PlanStep, PlanSubject, StepAction } from "../events/stack-event.js";

/** What every target's operation has: its kind (`create-container`). */
export interface PlanOperation {
  readonly kind: string;
}

/** One node of the plan. */
export interface PlanNode<Op extends PlanOperation = PlanOperation> {
  /** Unique, stable and readable: `create-container:web-1`. */
  readonly id: string;
  readonly operation: Op;
  /** What the operation amounts to for the user (`replace`), whatever the target. */
  readonly action: StepAction;
  /** What it acts on, as the user reads it: `demo-web-1`. */
  readonly target: string;
  readonly subject: PlanSubject;
  /** Why: `not found`, `environment.API_URL changed`, `scale 3 → 2`. */
  readonly cause: string;
  /** Ids of nodes that must finish first. */
  readonly after: readonly string[];
}

/** A plan and what the planner noticed but will not act on. */
export interface Plan<Op extends PlanOperation = PlanOperation> {
  /** In a valid execution order (dependencies first), deterministic. */
  readonly nodes: readonly PlanNode<Op>[];
  /** Notes for the user (orphans not removed, warnings). */
  readonly notes: readonly string[];
  /** Changes left out of `nodes` on purpose (the watch loop holds back what would lose data). */
  readonly held?: readonly HeldChange[];
}

/** A node as shown and serialised: no operation spec (it may hold secrets). */
export function stepOf(node: PlanNode): PlanStep {
  return { id: node.id, operation: node.operation.kind, action: node.action, target: node.target, subject: node.subject, cause: node.cause, after: node.after };
}

/** Every node of the plan as a step, in plan order. */
export function planSteps(plan: Plan): PlanStep[] {
  return plan.nodes.map(stepOf);
}
