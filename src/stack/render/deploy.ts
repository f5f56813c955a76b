/**
 * Resources, replicas and `deploy`. The model merges service keys
 * (`mem_limit`, `scale`, …) with their `deploy` counterparts into
 * `Service.resources` and `Service.replicas`, and keeps `deploy` as written;
 * the rendering prints `deploy` as written and a service key only when
 * `deploy` does not already say the same, so nothing is stated twice.
 */
import type { Deploy, DeployResources, DeployRestartPolicy, Placement, Resources, UpdateConfig } from "../model.js";
import type { ComposeDeploy, ComposeDeployResources, ComposeDeployRestartPolicy, ComposePlacement, ComposeService, ComposeUpdateConfig } from "./compose-types.js";
import { formatBytes, formatDuration } from "./units.js";

/** Milliseconds as a Go duration, when set. */
function duration(milliseconds: number | undefined): string | undefined {
  return milliseconds === undefined ? undefined : formatDuration(milliseconds);
}

/** Bytes as Compose prints them, when set. */
function bytes(value: number | undefined): string | undefined {
  return value === undefined ? undefined : formatBytes(value);
}

function renderUpdateConfig(config: UpdateConfig | undefined): ComposeUpdateConfig | undefined {
  if (config === undefined) return undefined;
  return {
    parallelism: config.parallelism,
    delay: duration(config.delayMs),
    failure_action: config.failureAction,
    monitor: duration(config.monitorMs),
    max_failure_ratio: config.maxFailureRatio,
    order: config.order,
  };
}

function renderDeployResources(resources: DeployResources | undefined): ComposeDeployResources | undefined {
  if (resources === undefined) return undefined;
  const { limits, reservations } = resources;
  return {
    limits: limits && { cpus: limits.cpus, memory: bytes(limits.memoryBytes), pids: limits.pids },
    reservations: reservations && { cpus: reservations.cpus, memory: bytes(reservations.memoryBytes), generic_resources: reservations.genericResources },
  };
}

function renderDeployRestartPolicy(policy: DeployRestartPolicy | undefined): ComposeDeployRestartPolicy | undefined {
  if (policy === undefined) return undefined;
  return { condition: policy.condition, delay: duration(policy.delayMs), max_attempts: policy.maxAttempts, window: duration(policy.windowMs) };
}

function renderPlacement(placement: Placement | undefined): ComposePlacement | undefined {
  if (placement === undefined) return undefined;
  return {
    constraints: placement.constraints,
    preferences: placement.preferences?.map((preference) => ({ spread: preference.spread })),
    max_replicas_per_node: placement.maxReplicasPerNode,
  };
}

/**
 * `deploy` with Compose's keys and printed units. Everything written is
 * printed, empty mappings and lists included: the model keeps whether a
 * setting was written, and the rendering must load back to the same model.
 */
export function renderDeploy(deploy: Deploy | undefined): ComposeDeploy | undefined {
  if (deploy === undefined) return undefined;
  return {
    mode: deploy.mode,
    replicas: deploy.replicas,
    labels: deploy.labels,
    update_config: renderUpdateConfig(deploy.updateConfig),
    rollback_config: renderUpdateConfig(deploy.rollbackConfig),
    resources: renderDeployResources(deploy.resources),
    restart_policy: renderDeployRestartPolicy(deploy.restartPolicy),
    placement: renderPlacement(deploy.placement),
    endpoint_mode: deploy.endpointMode,
  };
}

/** What `deploy.resources` states for the resources that have a place there too. */
function deployCounterparts(deploy: Deploy | undefined): Readonly<Partial<Record<keyof Resources, number>>> {
  const limits = deploy?.resources?.limits;
  const reservations = deploy?.resources?.reservations;
  return { memLimit: limits?.memoryBytes, memReservation: reservations?.memoryBytes, cpus: limits?.cpus, pidsLimit: limits?.pids };
}

/** Service-level resource keys; `cpusReservation` lives only in `deploy`. */
export function renderResources(resources: Resources, deploy: Deploy | undefined): Partial<ComposeService> {
  const counterparts = deployCounterparts(deploy);
  const own = <K extends "memLimit" | "memReservation" | "cpus" | "pidsLimit">(key: K): Resources[K] | undefined =>
    counterparts[key] === resources[key] ? undefined : resources[key];
  return {
    mem_limit: bytes(own("memLimit")),
    mem_reservation: bytes(own("memReservation")),
    memswap_limit: bytes(resources.memswapLimit),
    mem_swappiness: resources.memSwappiness,
    shm_size: bytes(resources.shmSize),
    cpus: own("cpus"),
    cpu_shares: resources.cpuShares,
    cpu_quota: resources.cpuQuota,
    cpu_period: resources.cpuPeriod,
    cpuset: resources.cpuset,
    pids_limit: own("pidsLimit"),
    oom_kill_disable: resources.oomKillDisable,
    oom_score_adj: resources.oomScoreAdj,
  };
}

/** `scale`, when it is not 1 and `deploy.replicas` does not already say it. */
export function renderScale(replicas: number, deploy: Deploy | undefined): number | undefined {
  return replicas === 1 || deploy?.replicas !== undefined ? undefined : replicas;
}

/** True when `deploy.restart_policy` is set (it stands in for a missing `restart`). */
export function hasDeployRestartPolicy(deploy: Deploy | undefined): boolean {
  return deploy?.restartPolicy !== undefined;
}
