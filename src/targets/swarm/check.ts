/**
 * What Swarm cannot honour in a stack, found before any API call. Unlike
 * `docker stack deploy`, nothing is dropped silently: every such field is
 * either
 *   - replaced by something tsd does instead (`depends_on` becomes a
 *     start-order wait, `restart: "no"` becomes condition `none`), listed as
 *     a warning with its file:line; or
 *   - refused with its file:line (a build, `volumes_from`, a data
 *     container: nothing on Swarm can do what the user asked), unless
 *     `--allow-unsupported`, which turns each refusal into a warning saying
 *     the field is ignored.
 *
 * Pure: the loaded stack and where its paths were written in; the check out.
 */
import { type ConfigIssue, formatPath, type Location } from "../../base/errors.js";
import type { Service, Stack } from "../../stack/model.js";
import type { TargetCheck } from "../target.js";

/** Where a written path is, when the loader still knows (a freshly loaded project). */
export type LocatePath = (path: readonly (string | number)[]) => Location | undefined;

/** One service field Swarm cannot take as written. */
interface ServiceRule {
  readonly key: string;
  readonly isSet: (service: Service) => boolean;
  /** `refuse`: nothing replaces it; `replace`: tsd does `instead`. */
  readonly kind: "refuse" | "replace";
  /** What happens instead (replace), or why it cannot work (refuse). */
  readonly instead: string;
}

const nonEmpty = (values: readonly unknown[] | Readonly<Record<string, unknown>>): boolean => (Array.isArray(values) ? values.length > 0 : Object.keys(values).length > 0);

/** The service fields, in the order they are reported. */
const SERVICE_RULES: readonly ServiceRule[] = [
  { key: "build", kind: "refuse", isSet: (s) => s.build !== undefined, instead: "Swarm nodes run images from a registry or their own image store; build and push (or `tsd save` / `tsd load`) first" },
  { key: "cgroup_parent", kind: "refuse", isSet: (s) => s.cgroupParent !== undefined, instead: "Swarm sets each task's cgroup itself" },
  { key: "container_name", kind: "refuse", isSet: (s) => s.containerName !== undefined, instead: "Swarm names every task's container itself (<service>.<slot>.<task id>)" },
  { key: "cpu_period", kind: "refuse", isSet: (s) => s.resources.cpuPeriod !== undefined, instead: "Swarm takes CPU limits as deploy.resources.limits.cpus only" },
  { key: "cpu_quota", kind: "refuse", isSet: (s) => s.resources.cpuQuota !== undefined, instead: "Swarm takes CPU limits as deploy.resources.limits.cpus only" },
  { key: "cpu_shares", kind: "refuse", isSet: (s) => s.resources.cpuShares !== undefined, instead: "Swarm has no CPU shares" },
  { key: "cpuset", kind: "refuse", isSet: (s) => s.resources.cpuset !== undefined, instead: "Swarm does not pin tasks to CPUs" },
  { key: "depends_on", kind: "replace", isSet: (s) => nonEmpty(s.dependsOn), instead: "becomes a start-order wait: each dependency's service converges (healthy, where it has a health check; completed, for a job) before this one is created or updated" },
  { key: "devices", kind: "refuse", isSet: (s) => s.devices.length > 0, instead: "Swarm services cannot map host devices" },
  { key: "domainname", kind: "refuse", isSet: (s) => s.domainname !== undefined, instead: "Swarm services have no domain name setting" },
  { key: "ipc", kind: "refuse", isSet: (s) => s.ipc !== undefined, instead: "Swarm tasks cannot share namespaces" },
  { key: "links", kind: "refuse", isSet: (s) => s.links.length > 0, instead: "every service on a shared overlay network is reachable by its name; use the service name (or a network alias)" },
  { key: "mac_address", kind: "refuse", isSet: (s) => s.macAddress !== undefined, instead: "Swarm assigns addresses itself" },
  { key: "mem_swappiness", kind: "refuse", isSet: (s) => s.resources.memSwappiness !== undefined, instead: "Swarm has no swappiness setting" },
  { key: "memswap_limit", kind: "refuse", isSet: (s) => s.resources.memswapLimit !== undefined, instead: "Swarm has no swap limit" },
  { key: "network_mode", kind: "refuse", isSet: (s) => s.networkMode !== undefined, instead: "Swarm tasks join overlay networks only (network_mode: service:x would need both tasks on one node)" },
  { key: "oom_kill_disable", kind: "refuse", isSet: (s) => s.resources.oomKillDisable !== undefined, instead: "Swarm has no such setting" },
  { key: "oom_score_adj", kind: "refuse", isSet: (s) => s.resources.oomScoreAdj !== undefined, instead: "Swarm has no such setting" },
  { key: "pid", kind: "refuse", isSet: (s) => s.pid !== undefined, instead: "Swarm tasks cannot share namespaces" },
  { key: "privileged", kind: "refuse", isSet: (s) => s.privileged, instead: "Swarm services cannot run privileged; grant the capabilities needed with cap_add" },
  { key: "runtime", kind: "refuse", isSet: (s) => s.runtime !== undefined, instead: "Swarm runs tasks with each node's default runtime" },
  { key: "security_opt", kind: "refuse", isSet: (s) => s.securityOpt.length > 0, instead: "Swarm services take no security options" },
  { key: "shm_size", kind: "refuse", isSet: (s) => s.resources.shmSize !== undefined, instead: "mount a tmpfs at /dev/shm instead" },
  { key: "userns_mode", kind: "refuse", isSet: (s) => s.usernsMode !== undefined, instead: "Swarm tasks cannot change user namespaces" },
  { key: "uts", kind: "refuse", isSet: (s) => s.uts !== undefined, instead: "Swarm tasks cannot share namespaces" },
  { key: "volumes_from", kind: "refuse", isSet: (s) => s.volumesFrom.length > 0, instead: "a task cannot mount another task's volumes (they may run on different nodes); mount a named volume instead" },
];

/** Fields Swarm has no use for: said, and ignored, never refused. */
const IGNORED_RULES: readonly ServiceRule[] = [
  { key: "develop", kind: "replace", isSet: (s) => s.develop !== undefined, instead: "ignored: file sync needs one engine (use the docker target to develop)" },
  { key: "expose", kind: "replace", isSet: (s) => s.expose.length > 0, instead: "ignored: every port of a task is reachable on its overlay networks" },
  { key: "pull_policy", kind: "replace", isSet: (s) => s.pullPolicy !== "missing" && s.pullPolicy !== "if_not_present", instead: "ignored: each node pulls the image when it lacks it" },
];

/** The `restart:` wording: docker/cli maps `no` to Swarm's default, which restarts always; tsd does not. */
function restartNote(service: Service, written: boolean): string | undefined {
  if (!written || service.deploy?.restartPolicy !== undefined) return undefined;
  switch (service.restart.policy) {
    case "no":
      return 'becomes restart_policy condition "none": a task that exits is not restarted (docker stack deploy would restart it always)';
    case "always":
    case "unless-stopped":
      return 'becomes restart_policy condition "any"';
    case "on-failure":
      return 'becomes restart_policy condition "on-failure"';
  }
}

/** `path (file:line:column)`-prefixed text. */
function located(path: readonly (string | number)[], locate: LocatePath, text: string): string {
  const location = locate(path);
  const where = location ? `${location.file}:${location.line}:${location.column}: ` : "";
  return `${where}${formatPath(path)} ${text}`;
}

/** Whether `restart:` was written for the service (absent means Swarm's own default applies). */
export function restartWritten(locate: LocatePath, service: string): boolean {
  // The locator falls back to the nearest written parent; a key of its own has a place of its own.
  const own = locate(["services", service, "restart"]);
  const parent = locate(["services", service]);
  return own !== undefined && (parent === undefined || own.line !== parent.line || own.column !== parent.column);
}

/** The Swarm check of a stack. */
export function swarmCheck(stack: Stack, locate: LocatePath, allowUnsupported: boolean): TargetCheck {
  const warnings: string[] = [];
  const refusals: ConfigIssue[] = [];
  const refuse = (path: readonly (string | number)[], why: string): void => {
    if (allowUnsupported) warnings.push(located(path, locate, `is not supported on Swarm and is ignored (--allow-unsupported): ${why}`));
    else refusals.push({ path: formatPath(path), message: `is not supported on Swarm: ${why}; pass --allow-unsupported to deploy without it`, ...locationOf(locate(path)) });
  };
  for (const [name, service] of sorted(stack.services)) {
    for (const rule of [...SERVICE_RULES, ...IGNORED_RULES]) {
      if (!rule.isSet(service)) continue;
      const path = ["services", name, rule.key];
      if (rule.kind === "refuse") refuse(path, rule.instead);
      else warnings.push(located(path, locate, rule.instead));
    }
    const restart = restartNote(service, restartWritten(locate, name));
    if (restart) warnings.push(located(["services", name, "restart"], locate, restart));
    service.ports.forEach((port, index) => {
      if (port.hostIp !== undefined) warnings.push(located(["services", name, "ports", index], locate, `host_ip ${port.hostIp} is ignored: Swarm publishes on every address of the node`));
    });
    if (service.healthcheck?.startInterval !== undefined) warnings.push(located(["services", name, "healthcheck", "start_interval"], locate, "is ignored: API 1.41 has no start interval"));
  }
  for (const [name] of sorted(stack.dataContainers)) {
    refuse(["data_containers", name], "a data container holds volumes on one engine; use a named volume (per node) or a volume driver shared by the nodes");
  }
  return { warnings, refusals };
}

function locationOf(location: Location | undefined): { location?: Location } {
  return location ? { location } : {};
}

function sorted<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
