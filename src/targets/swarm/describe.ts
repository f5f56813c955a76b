/**
 * What each Swarm operation amounts to for the user, and what it acts on:
 * the words of `tsd plan --target swarm`.
 */
import type { StepAction } from "../../plan/plan.js";
import type { SwarmOperation } from "./operations.js";

const CONDITION_WORDS = { service_started: "converged", service_healthy: "converged and healthy", service_completed_successfully: "completed" } as const;

/** The action and target of one operation. */
export function describeSwarmOperation(operation: SwarmOperation): { readonly action: StepAction; readonly target: string } {
  switch (operation.kind) {
    case "create-network":
      return { action: "create", target: operation.spec.Name };
    case "create-file-object":
      return { action: "create", target: operation.spec.Name };
    case "create-service":
      return { action: "create", target: operation.service.name };
    case "update-service":
      return { action: "update", target: operation.service.name };
    case "wait-service":
      return { action: "wait", target: `${operation.serviceName} ${CONDITION_WORDS[operation.condition]}` };
    case "remove-service":
      return { action: "remove", target: operation.name };
    case "wait-tasks-gone":
      return { action: "wait", target: `tasks of ${operation.serviceIds.length} removed service(s) gone` };
    case "remove-file-object":
      return { action: "remove", target: operation.name };
    case "remove-network":
      return { action: "remove", target: operation.name };
  }
}
