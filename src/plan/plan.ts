/**
 * A plan: a DAG of single engine operations, each with the reason it is
 * there. The planner builds it without I/O; the executor walks it without
 * decisions of its own; `tsd plan` prints it.
 */
import type { DependencyCondition } from "../stack/model.js";
import type { BuildSpec, ContainerSpec, NetworkSpec, VolumeSpec } from "../docker-api/types.js";

/** One engine operation. */
export type Operation =
  | { readonly kind: "create-network"; readonly spec: NetworkSpec }
  | { readonly kind: "remove-network"; readonly name: string }
  | { readonly kind: "create-volume"; readonly spec: VolumeSpec }
  | { readonly kind: "remove-volume"; readonly name: string }
  | { readonly kind: "pull-image"; readonly reference: string }
  | { readonly kind: "build-image"; readonly service: string; readonly spec: BuildSpec }
  | { readonly kind: "remove-image"; readonly reference: string }
  | {
      readonly kind: "create-container";
      readonly spec: ContainerSpec;
      /** Container being replaced: its anonymous volumes are re-mounted (already in `spec`). */
      readonly replaces?: string;
    }
  | { readonly kind: "start-container"; readonly name: string }
  /** Starts a data container's command and waits for it to exit 0. */
  | { readonly kind: "run-data-container"; readonly name: string }
  | { readonly kind: "stop-container"; readonly name: string; readonly timeoutSeconds?: number }
  | { readonly kind: "remove-container"; readonly name: string; readonly removeVolumes: boolean }
  | { readonly kind: "rename-container"; readonly name: string; readonly newName: string }
  /** Waits until `service`'s containers meet a `depends_on` condition. */
  | {
      readonly kind: "await-condition";
      readonly service: string;
      readonly containers: readonly string[];
      readonly condition: DependencyCondition;
      /** `false`: a failure is a warning, not an error. */
      readonly required: boolean;
      readonly dependent: string;
    };

/** What an operation acts on, for grouping progress by service. */
export interface PlanSubject {
  readonly kind: "service" | "data-container" | "network" | "volume" | "image";
  readonly key: string;
}

/** One node of the plan. */
export interface PlanNode {
  /** Unique, stable and readable: `create-container:web-1`. */
  readonly id: string;
  readonly operation: Operation;
  readonly subject: PlanSubject;
  /** Why: `not found`, `environment.API_URL changed`, `scale 3 → 2`. */
  readonly cause: string;
  /** Ids of nodes that must finish first. */
  readonly after: readonly string[];
}

/** A plan and what the planner noticed but will not act on. */
export interface Plan {
  /** In a valid execution order (dependencies first), deterministic. */
  readonly nodes: readonly PlanNode[];
  /** Notes for the user (orphans not removed, warnings). */
  readonly notes: readonly string[];
}

/** A short description of the operation's target. */
export function operationTarget(operation: Operation): string {
  switch (operation.kind) {
    case "create-network":
    case "create-volume":
      return operation.spec.name;
    case "create-container":
      return operation.spec.name;
    case "build-image":
      return operation.spec.tags[0] ?? operation.service;
    case "pull-image":
    case "remove-image":
      return operation.reference;
    case "await-condition":
      return `${operation.service} ${conditionText(operation.condition)} (for ${operation.dependent})`;
    case "rename-container":
      return `${operation.name} → ${operation.newName}`;
    case "remove-network":
    case "remove-volume":
    case "start-container":
    case "run-data-container":
    case "stop-container":
    case "remove-container":
      return operation.name;
  }
}

/** `healthy`, `started`, `completed successfully`. */
export function conditionText(condition: DependencyCondition): string {
  switch (condition) {
    case "service_started":
      return "started";
    case "service_healthy":
      return "healthy";
    case "service_completed_successfully":
      return "completed successfully";
  }
}

/** The plan as text, one line per operation: `create-container  web-1  (not found)`. */
export function formatPlan(plan: Plan): string {
  const lines: string[] = [];
  if (plan.nodes.length === 0) lines.push("nothing to do");
  const width = Math.max(0, ...plan.nodes.map((node) => node.operation.kind.length));
  for (const node of plan.nodes) {
    lines.push(`${node.operation.kind.padEnd(width)}  ${operationTarget(node.operation)}  (${node.cause})`);
  }
  for (const note of plan.notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}

/** The plan for machines (`tsd plan --format json`): no engine specs, just what and why. */
export function planToJson(plan: Plan): unknown {
  return {
    operations: plan.nodes.map((node) => ({
      id: node.id,
      operation: node.operation.kind,
      target: operationTarget(node.operation),
      subject: node.subject,
      cause: node.cause,
      after: node.after,
    })),
    notes: plan.notes,
  };
}
