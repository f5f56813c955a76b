/**
 * Resources, replicas and `deploy`. The model merges service keys
 * (`mem_limit`, `scale`, …) with their `deploy` counterparts; the rendering
 * keeps `deploy` as written and prints a service key only when `deploy` does
 * not already say the same, so nothing is stated twice.
 */
import type { Resources, Service } from "../model.js";
import type { ComposeService } from "./compose-types.js";
import { formatBytes, formatDuration } from "./units.js";

/** `deploy` paths holding milliseconds (printed as durations) and bytes. */
const DURATION_PATHS = new Set(["restart_policy.delay", "restart_policy.window", "update_config.delay", "update_config.monitor", "rollback_config.delay", "rollback_config.monitor"]);
const BYTE_PATHS = new Set(["resources.limits.memory", "resources.reservations.memory"]);

/** `deploy` as written, with durations and byte sizes in Compose's printed forms. */
export function renderDeploy(deploy: Service["deploy"]): Readonly<Record<string, unknown>> | undefined {
  if (deploy === undefined) return undefined;
  return convertRecord(deploy, "");
}

function convertRecord(record: Readonly<Record<string, unknown>>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, convert(value, prefix === "" ? key : `${prefix}.${key}`)]));
}

function convert(value: unknown, path: string): unknown {
  if (typeof value === "number" && DURATION_PATHS.has(path)) return formatDuration(value);
  if (typeof value === "number" && BYTE_PATHS.has(path)) return formatBytes(value);
  if (isRecord(value)) return convertRecord(value, path);
  return value;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value `deploy` holds at a dotted path, if any. */
function deployValue(deploy: Service["deploy"], path: string): unknown {
  let value: unknown = deploy;
  for (const key of path.split(".")) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/** Resources that also have a place under `deploy.resources`. */
const DEPLOY_COUNTERPARTS: Readonly<Partial<Record<keyof Resources, string>>> = {
  memLimit: "resources.limits.memory",
  memReservation: "resources.reservations.memory",
  cpus: "resources.limits.cpus",
  pidsLimit: "resources.limits.pids",
};

/** Service-level resource keys; `cpusReservation` lives only in `deploy`. */
export function renderResources(resources: Resources, deploy: Service["deploy"]): Partial<ComposeService> {
  const own = <K extends keyof Resources>(key: K): Resources[K] | undefined => {
    const counterpart = DEPLOY_COUNTERPARTS[key];
    return counterpart !== undefined && deployValue(deploy, counterpart) === resources[key] ? undefined : resources[key];
  };
  const bytes = (value: number | undefined): string | undefined => (value === undefined ? undefined : formatBytes(value));
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
export function renderScale(replicas: number, deploy: Service["deploy"]): number | undefined {
  return replicas === 1 || deployValue(deploy, "replicas") !== undefined ? undefined : replicas;
}

/** True when `deploy.restart_policy` is set (it stands in for a missing `restart`). */
export function hasDeployRestartPolicy(deploy: Service["deploy"]): boolean {
  return deployValue(deploy, "restart_policy") !== undefined;
}
