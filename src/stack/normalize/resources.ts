/**
 * Settings a service can write in two places (a service key and its
 * `deploy` counterpart): resources, replicas and the restart policy. Either
 * place is fine; two different values are an error, as in compose-go.
 */
import type { Resources, RestartPolicy } from "../model.js";
import type { ServiceSpec } from "../schema/service.js";
import type { Report, WrittenPath } from "./report.js";

/** A value and the path it was written at. */
interface Written<T> {
  readonly value: T | undefined;
  readonly path: WrittenPath;
}

/** Picks the value written in either place (and where); reports a conflict when both differ. */
function pick<T>(
  report: Report,
  servicePath: WrittenPath,
  serviceKey: string,
  serviceValue: T | undefined,
  deployKey: readonly string[],
  deployValue: T | undefined,
): Written<T> {
  if (serviceValue !== undefined && deployValue !== undefined && serviceValue !== deployValue) {
    const name = servicePath[servicePath.length - 1];
    report.issue([...servicePath, serviceKey], `services.${String(name)}.${serviceKey} and ${["deploy", ...deployKey].join(".")} conflict`);
  }
  if (serviceValue !== undefined || deployValue === undefined) return { value: serviceValue, path: [...servicePath, serviceKey] };
  return { value: deployValue, path: [...servicePath, "deploy", ...deployKey] };
}

/** {@link pick}, the value only. */
function either<T>(...args: Parameters<typeof pick<T>>): T | undefined {
  return pick(...args).value;
}

/** Bytes in the unit the user most likely wrote: `512m`, `1g`, else a count of bytes. */
function sizeText(bytes: number): string {
  const units: [string, number][] = [["g", 1024 ** 3], ["m", 1024 ** 2], ["k", 1024]];
  const unit = units.find(([, size]) => bytes % size === 0);
  return unit ? `${bytes / unit[1]}${unit[0]}` : `${bytes} bytes`;
}

/** True for a limit that is set: the engine reads 0 (and, for swap, -1) as none. */
function isSet(value: number | undefined): value is number {
  return value !== undefined && value > 0;
}

/**
 * Combinations the engine refuses at create, reported where the second
 * value was written: a reservation above the limit, swap without a memory
 * limit or below it, and `cpus` together with the CFS settings it is made of.
 */
function checkCombinations(spec: ServiceSpec, memLimit: Written<number>, memReservation: Written<number>, cpus: Written<number>, report: Report, path: WrittenPath): void {
  if (isSet(memLimit.value) && isSet(memReservation.value) && memReservation.value > memLimit.value) {
    report.issue(memReservation.path, `${sizeText(memReservation.value)} is above the memory limit of ${sizeText(memLimit.value)} (a reservation must not exceed the limit)`);
  }
  const swap = spec.memswap_limit;
  if (isSet(swap) && !isSet(memLimit.value)) {
    report.issue([...path, "memswap_limit"], "is set without a memory limit (set mem_limit too; -1 means unlimited swap)");
  } else if (isSet(swap) && isSet(memLimit.value) && swap < memLimit.value) {
    report.issue([...path, "memswap_limit"], `${sizeText(swap)} is below the memory limit of ${sizeText(memLimit.value)} (memory plus swap: at least mem_limit, or -1 for unlimited swap)`);
  }
  if (isSet(cpus.value)) {
    const cfs = (["cpu_quota", "cpu_period"] as const).filter((key) => isSet(spec[key]));
    for (const key of cfs) report.issue([...path, key], "cannot be combined with cpus (the engine derives the CFS quota and period from cpus; use one or the other)");
  }
}

/** Limits and reservations, from service keys and `deploy.resources`. */
export function resolveResources(spec: ServiceSpec, report: Report, path: WrittenPath): Resources {
  const limits = spec.deploy?.resources?.limits;
  const reservations = spec.deploy?.resources?.reservations;
  const memLimit = pick(report, path, "mem_limit", spec.mem_limit, ["resources", "limits", "memory"], limits?.memory);
  const memReservation = pick(report, path, "mem_reservation", spec.mem_reservation, ["resources", "reservations", "memory"], reservations?.memory);
  const cpus = pick(report, path, "cpus", spec.cpus, ["resources", "limits", "cpus"], limits?.cpus);
  checkCombinations(spec, memLimit, memReservation, cpus, report, path);
  const resources: Record<string, number | string | boolean | undefined> = {
    memLimit: memLimit.value,
    memReservation: memReservation.value,
    cpus: cpus.value,
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
