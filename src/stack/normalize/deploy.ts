/**
 * The written `deploy` section → its typed, canonical form. The schema has
 * already converted durations to milliseconds and sizes to bytes; this only
 * renames keys and keeps what was written, with no defaults (see
 * model-deploy.ts for why). Replicas, resources and the restart condition are
 * merged into the service's own fields separately (resources.ts).
 */
import type { Deploy, DeployResources, DeployRestartPolicy, Placement, UpdateConfig } from "../model.js";
import type { DeploySpec } from "../schema/service-run.js";
import { stringValues } from "./report.js";

type Written<T> = NonNullable<T>;
type UpdateSpec = Written<DeploySpec["update_config"]>;

/** The object without its `undefined` entries: an absent setting is an absent key, never a key holding `undefined`. */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

function placementOf(spec: Written<DeploySpec["placement"]>): Placement {
  return defined({
    constraints: spec.constraints,
    preferences: spec.preferences?.map((preference) => ({ spread: preference.spread })),
    maxReplicasPerNode: spec.max_replicas_per_node,
  });
}

function updateConfigOf(spec: UpdateSpec): UpdateConfig {
  return defined({
    parallelism: spec.parallelism,
    delayMs: spec.delay,
    failureAction: spec.failure_action,
    monitorMs: spec.monitor,
    maxFailureRatio: spec.max_failure_ratio,
    order: spec.order,
  });
}

function restartPolicyOf(spec: Written<DeploySpec["restart_policy"]>): DeployRestartPolicy {
  return defined({ condition: spec.condition, delayMs: spec.delay, maxAttempts: spec.max_attempts, windowMs: spec.window });
}

function resourcesOf(spec: Written<DeploySpec["resources"]>): DeployResources {
  const { limits, reservations } = spec;
  return defined({
    limits: limits && defined({ cpus: limits.cpus, memoryBytes: limits.memory, pids: limits.pids }),
    reservations: reservations && defined({ cpus: reservations.cpus, memoryBytes: reservations.memory, genericResources: reservations.generic_resources }),
  });
}

/** `deploy` in canonical form; `undefined` when the service has none (or `deploy: null`). */
export function normalizeDeploy(spec: DeploySpec | null | undefined): Deploy | undefined {
  if (spec === null || spec === undefined) return undefined;
  return defined({
    mode: spec.mode,
    replicas: spec.replicas,
    labels: spec.labels && stringValues(spec.labels),
    endpointMode: spec.endpoint_mode,
    placement: spec.placement && placementOf(spec.placement),
    updateConfig: spec.update_config && updateConfigOf(spec.update_config),
    rollbackConfig: spec.rollback_config && updateConfigOf(spec.rollback_config),
    restartPolicy: spec.restart_policy && restartPolicyOf(spec.restart_policy),
    resources: spec.resources && resourcesOf(spec.resources),
  });
}
