/**
 * Canonical forms of the structured parts of a service: build, healthcheck,
 * networks, develop, secrets/configs and mounts.
 */
import { posix } from "node:path";
import type { Build, Develop, FileReference, Healthcheck, Mount, ServiceNetwork, VolumesFrom, WatchRule } from "../model.js";
import type { FileReferenceSpec } from "../schema/service-io.js";
import type { ServiceNetworkSpec } from "../schema/service-net.js";
import type { ServiceSpec } from "../schema/service.js";
import type { VolumesFromSpec } from "../syntax/service-fields.js";
import { splitTmpfsEntry } from "../syntax/mounts.js";
import { type Report, type WrittenPath, sortedEntries, stringValues } from "./report.js";

/** `build`, with the context defaulting to the project directory and the Dockerfile to `Dockerfile`. */
export function normalizeBuild(spec: ServiceSpec, projectDir: string, lookup: (name: string) => string | undefined, report: Report, path: WrittenPath): Build | undefined {
  const build = spec.build;
  if (!build) return undefined;
  if (build.dockerfile !== undefined && build.dockerfile_inline !== undefined) {
    report.issue([...path, "build"], "dockerfile and dockerfile_inline cannot both be set");
  }
  const platforms = build.platforms ?? [];
  if (spec.platform !== undefined && platforms.length > 0 && !platforms.includes(spec.platform)) {
    report.issue([...path, "platform"], `platform "${spec.platform}" is not one of build.platforms (${platforms.join(", ")})`);
  }
  const args: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(build.args ?? {})) args[key] = value ?? lookup(key) ?? null;
  return {
    context: build.context ?? projectDir,
    ...(build.dockerfile_inline !== undefined ? { dockerfileInline: build.dockerfile_inline } : { dockerfile: build.dockerfile ?? "Dockerfile" }),
    args,
    labels: stringValues(build.labels),
    extraHosts: build.extra_hosts ?? [],
    cacheFrom: build.cache_from ?? [],
    tags: build.tags ?? [],
    noCache: build.no_cache ?? false,
    pull: build.pull ?? false,
    platforms,
    ...(build.target !== undefined ? { target: build.target } : {}),
    ...(build.network !== undefined ? { network: build.network } : {}),
    ...(build.shm_size !== undefined ? { shmSize: build.shm_size } : {}),
  };
}

/** `healthcheck`: a string test runs in a shell; `NONE` or `disable: true` turns the image's check off. */
export function normalizeHealthcheck(spec: ServiceSpec, report: Report, path: WrittenPath): Healthcheck | undefined {
  const check = spec.healthcheck;
  if (!check) return undefined;
  const written = check.test;
  const test = written === undefined ? [] : typeof written === "string" ? (written === "NONE" ? ["NONE"] : ["CMD-SHELL", written]) : written;
  const disable = check.disable === true || test[0] === "NONE";
  if (check.start_interval !== undefined && check.start_period === undefined) {
    report.issue([...path, "healthcheck", "start_interval"], "start_interval needs start_period (it is the check interval during the start period)");
  }
  return {
    test: disable ? ["NONE"] : test,
    disable,
    ...(check.interval !== undefined ? { interval: check.interval } : {}),
    ...(check.timeout !== undefined ? { timeout: check.timeout } : {}),
    ...(check.start_period !== undefined ? { startPeriod: check.start_period } : {}),
    ...(check.start_interval !== undefined ? { startInterval: check.start_interval } : {}),
    ...(check.retries !== undefined ? { retries: check.retries } : {}),
  };
}

/** One network attachment. */
export function normalizeServiceNetwork(spec: ServiceNetworkSpec): ServiceNetwork {
  return {
    aliases: spec?.aliases ?? [],
    linkLocalIps: spec?.link_local_ips ?? [],
    driverOpts: spec?.driver_opts ?? {},
    ...(spec?.ipv4_address !== undefined ? { ipv4Address: spec.ipv4_address } : {}),
    ...(spec?.ipv6_address !== undefined ? { ipv6Address: spec.ipv6_address } : {}),
    ...(spec?.mac_address !== undefined ? { macAddress: spec.mac_address } : {}),
    ...(spec?.priority !== undefined ? { priority: spec.priority } : {}),
    ...(spec?.gw_priority !== undefined ? { gwPriority: spec.gw_priority } : {}),
    ...(spec?.interface_name !== undefined ? { interfaceName: spec.interface_name } : {}),
  };
}

/**
 * `networks`: empty with a `network_mode`; the project's `default` network
 * when none are listed.
 */
export function normalizeServiceNetworks(spec: ServiceSpec, report: Report, path: WrittenPath): Record<string, ServiceNetwork> {
  if (spec.network_mode) {
    if (spec.networks !== undefined) report.issue([...path, "networks"], "network_mode and networks cannot be used together");
    return {};
  }
  const written = spec.networks ?? { default: null };
  return Object.fromEntries(sortedEntries(written).map(([key, network]) => [key, normalizeServiceNetwork(network)]));
}

const SYNC_ACTIONS: ReadonlySet<WatchRule["action"]> = new Set(["sync", "sync+restart", "sync+exec"]);

/** `develop.watch`. */
export function normalizeDevelop(spec: ServiceSpec, report: Report, path: WrittenPath): Develop | undefined {
  if (!spec.develop) return undefined;
  const rules = (spec.develop.watch ?? []).map((rule, index): WatchRule => {
    const rulePath = [...path, "develop", "watch", index];
    if (SYNC_ACTIONS.has(rule.action) && rule.target === undefined) report.issue(rulePath, `action ${rule.action} needs a target (the path in the container)`);
    if (rule.action === "sync+exec" && rule.exec === undefined) report.issue(rulePath, "action sync+exec needs exec (the command to run)");
    const exec = rule.exec;
    return {
      action: rule.action,
      path: rule.path,
      ignore: rule.ignore ?? [],
      include: rule.include ?? [],
      initialSync: rule.initial_sync ?? false,
      ...(rule.target !== undefined ? { target: rule.target } : {}),
      ...(exec
        ? {
            exec: {
              command: exec.command ?? [],
              ...(exec.user !== undefined ? { user: exec.user } : {}),
              ...(exec.working_dir !== undefined ? { workingDir: exec.working_dir } : {}),
            },
          }
        : {}),
    };
  });
  return { watch: rules };
}

/** Secrets land under /run/secrets unless the target is absolute; configs at `/<source>` by default. */
export function normalizeFileReferences(references: readonly FileReferenceSpec[] | undefined, kind: "secrets" | "configs"): FileReference[] {
  return (references ?? []).map((reference) => {
    const base = kind === "secrets" ? "/run/secrets" : "/";
    const target = reference.target === undefined ? posix.join(base, reference.source) : posix.isAbsolute(reference.target) ? reference.target : posix.join(base, reference.target);
    return {
      source: reference.source,
      target,
      ...(reference.uid !== undefined ? { uid: reference.uid } : {}),
      ...(reference.gid !== undefined ? { gid: reference.gid } : {}),
      ...(reference.mode !== undefined ? { mode: reference.mode } : {}),
    };
  });
}

/** `volumes_from`: a name that is a data container refers to it; anything else to a service (rules report unknown ones). */
export function normalizeVolumesFrom(entries: readonly VolumesFromSpec[] | undefined, dataContainers: ReadonlySet<string>): VolumesFrom[] {
  return (entries ?? []).map((entry) => ({
    kind: entry.container ? "container" : dataContainers.has(entry.name) ? "dataContainer" : "service",
    name: entry.name,
    readOnly: entry.readOnly,
  }));
}

/** Reports a container path mounted twice (volumes and tmpfs together). */
export function checkMountTargets(volumes: readonly Mount[], tmpfs: readonly string[], report: Report, path: WrittenPath): void {
  const seen = new Map<string, string>();
  const claim = (target: string, where: WrittenPath, label: string): void => {
    const normalized = posix.normalize(target).replace(/(.)\/$/, "$1");
    const first = seen.get(normalized);
    if (first) report.issue(where, `container path "${normalized}" is mounted twice (also by ${first})`);
    else seen.set(normalized, label);
  };
  volumes.forEach((mount, index) => claim(mount.target, [...path, "volumes", index], `volumes[${index}]`));
  tmpfs.forEach((entry, index) => claim(splitTmpfsEntry(entry).target, [...path, "tmpfs", index], `tmpfs[${index}]`));
}
