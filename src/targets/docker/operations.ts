/**
 * The single-engine target's operations: one Docker Engine call (or one
 * wait) per plan node, each described for the plan's text and events.
 */
import type { BuildSpec, ContainerSpec, ContainerUpdate, NetworkSpec, VolumeSpec } from "../../docker-api/types.js";
import type { StepAction } from "../../events/stack-event.js";
import { PlanBuilder } from "../../plan/builder.js";
import type { Plan, PlanNode } from "../../plan/plan.js";
import type { DependencyCondition } from "../../stack/model.js";

/** One engine operation. */
export type DockerOperation =
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
  /**
   * Changes restart policy and limits of a live container (same ID, same
   * process). If the engine refuses, the container is recreated from
   * `fallback.spec` instead (and started when `fallback.start`).
   */
  | {
      readonly kind: "update-container";
      readonly name: string;
      readonly update: ContainerUpdate;
      readonly fallback: { readonly spec: ContainerSpec; readonly start: boolean };
    }
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

/** What an operation does, in a plan's words, and what it acts on. */
export function describeDockerOperation(operation: DockerOperation): { readonly action: StepAction; readonly target: string } {
  switch (operation.kind) {
    case "create-network":
    case "create-volume":
      return { action: "create", target: operation.spec.name };
    case "create-container":
      return { action: operation.replaces === undefined ? "create" : "replace", target: operation.spec.name };
    case "build-image":
      return { action: "build", target: operation.spec.tags[0] ?? operation.service };
    case "pull-image":
      return { action: "pull", target: operation.reference };
    case "remove-image":
      return { action: "remove", target: operation.reference };
    case "await-condition":
      return { action: "wait", target: `${operation.service} ${conditionText(operation.condition)} (for ${operation.dependent})` };
    case "rename-container":
      return { action: "rename", target: `${operation.name} → ${operation.newName}` };
    case "remove-network":
    case "remove-volume":
    case "remove-container":
      return { action: "remove", target: operation.name };
    case "start-container":
      return { action: "start", target: operation.name };
    case "update-container":
      return { action: "update", target: operation.name };
    case "run-data-container":
      return { action: "run", target: operation.name };
    case "stop-container":
      return { action: "stop", target: operation.name };
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

/** A plan of the single engine. */
export type DockerPlan = Plan<DockerOperation>;

/** A node of a plan of the single engine. */
export type DockerPlanNode = PlanNode<DockerOperation>;

/** A builder for a plan of the single engine. */
export function dockerPlanBuilder(): PlanBuilder<DockerOperation> {
  return new PlanBuilder(describeDockerOperation);
}
