/**
 * The Swarm target's plan operations: one Engine API call each, except the
 * waits, which only read (a service converging before its dependents are
 * touched or an old secret is removed; the tasks of removed services being
 * gone before their networks are).
 */
import type { FileObjectKind } from "../../docker-api/swarm-engine.js";
import type { OverlayNetworkSpec, SwarmFileObjectSpec } from "../../docker-api/swarm-types.js";
import type { DependencyCondition } from "../../stack/model.js";
import type { Plan, PlanNode } from "../../plan/plan.js";
import type { DesiredService } from "./convert/service-spec.js";

/** What a converged service must also be, for a dependent waiting on it. */
export type ConvergeCondition = DependencyCondition;

export type SwarmOperation =
  | { readonly kind: "create-network"; readonly spec: OverlayNetworkSpec }
  | { readonly kind: "create-file-object"; readonly objectKind: FileObjectKind; readonly key: string; readonly spec: SwarmFileObjectSpec }
  | { readonly kind: "create-service"; readonly service: DesiredService }
  | {
      readonly kind: "update-service";
      readonly service: DesiredService;
      readonly id: string;
      readonly version: number;
      /** The server's ForceUpdate, carried over so an update never undoes a forced redeploy's counter. */
      readonly forceUpdate: number;
      readonly changed: readonly string[];
    }
  | { readonly kind: "wait-service"; readonly serviceKey: string; readonly serviceName: string; readonly condition: ConvergeCondition; readonly expectedHash?: string }
  | { readonly kind: "remove-service"; readonly serviceKey: string; readonly id: string; readonly name: string }
  | { readonly kind: "wait-tasks-gone"; readonly serviceIds: readonly string[] }
  | { readonly kind: "remove-file-object"; readonly objectKind: FileObjectKind; readonly id: string; readonly name: string }
  | { readonly kind: "remove-network"; readonly id: string; readonly name: string };

export type SwarmPlan = Plan<SwarmOperation>;
export type SwarmPlanNode = PlanNode<SwarmOperation>;
