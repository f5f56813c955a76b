/**
 * Settings a service can write in two places (a service key and its
 * `deploy` counterpart): resources, replicas and the restart policy. Either
 * place is fine; two different values are an error, as in compose-go.
 */
import type { Resources, RestartPolicy } from "../model.js";
import type { ServiceSpec } from "../schema/service.js";
import type { Report, WrittenPath } from "./report.js";

/** Picks the value written in either place; reports a conflict when both differ. */
function either<T>(
  report: Report,
  servicePath: WrittenPath,
  serviceKey: string,
  serviceValue: T | undefined,
  deployKey: readonly string[],
  deployValue: T | undefined,
): T | undefined {
  if (serviceValue !== undefined && deployValue !== undefined && serviceValue !== deployValue) {
    const name = servicePath[servicePath.length - 1];
    report.issue([...servicePath, serviceKey], `services.${String(name)}.${serviceKey} and ${["deploy", ...deployKey].join(".")} conflict`);
  }
  return serviceValue ?? deployValue;
}

/** Limits and reservations, from service keys and `deploy.resources`. */
export function resolveResources(spec: ServiceSpec, report: Report, path: WrittenPath): Resources {
  const limits = spec.deploy?.resources?.limits;
  const reservations = spec.deploy?.resources?.reservations;
  const resources: Record<string, number | string | boolean | undefined> = {
    memLimit: either(report, path, "mem_limit", spec.mem_limit, ["resources", "limits", "memory"], limits?.memory),
    memReservation: either(report, path, "mem_reservation", spec.mem_reservation, ["resources", "reservations", "memory"], reservations?.memory),
    cpus: either(report, path, "cpus", spec.cpus, ["resources", "limits", "cpus"], limits?.cpus),
    pidsLimit: either(report, path, "pids_limit", spec.pids_limit, ["resources", "limits", "pids"], limits?.pids),
    cpusReservation: reservations?.cpus,
    memswapLimit: spec.memswap_limit,
    memSwappiness: spec.mem_swappiness,
    shmSize: spec.shm_size,
    cpuShares: spec.cpu_shares,
    cpuQuota: spec.cpu_quota,
    cpuPeriod: spec.cpu_period,
    cpuset: spec.cpuset,
    oomKillDisable: spec.oom_kill_disable,
    oomScoreAdj: spec.oom_score_adj,
  };
  return Object.fromEntries(Object.entries(resources).filter(([, value]) => value !== undefined)) as Resources;
}

/** `deploy.replicas` or `scale`, default 1. */
export function resolveReplicas(spec: ServiceSpec, report: Report, path: WrittenPath): number {
  return either(report, path, "scale", spec.scale, ["replicas"], spec.deploy?.replicas) ?? 1;
}

/**
 * `restart`, else `deploy.restart_policy` (none → no, on-failure → on-failure
 * with max_attempts, any or no condition → always), else `no`.
 */
export function resolveRestart(spec: ServiceSpec): RestartPolicy {
  if (spec.restart) return spec.restart;
  const policy = spec.deploy?.restart_policy;
  if (!policy) return { policy: "no" };
  switch (policy.condition) {
    case "none":
      return { policy: "no" };
    case "on-failure":
      return policy.max_attempts !== undefined ? { policy: "on-failure", maxRetries: policy.max_attempts } : { policy: "on-failure" };
    case "any":
    case undefined:
      return { policy: "always" };
  }
}
