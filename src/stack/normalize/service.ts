/**
 * One written service → its canonical form.
 */
import type { Service } from "../model.js";
import type { EnvLookup } from "../interpolate.js";
import type { ServiceSpec } from "../schema/service.js";
import { parseLink } from "../syntax/service-fields.js";
import { normalizeDeploy } from "./deploy.js";
import { resolveDeviceRequests } from "./device-requests.js";
import { resolveEnvironment } from "./environment.js";
import { type Report, type WrittenPath, extensionsOf, stringValues } from "./report.js";
import { resolveReplicas, resolveResources, resolveRestart } from "./resources.js";
import {
  checkMountTargets,
  normalizeBuild,
  normalizeDevelop,
  normalizeFileReferences,
  normalizeHealthcheck,
  normalizeServiceNetworks,
  normalizeVolumesFrom,
} from "./service-parts.js";

/** What a service needs from the rest of the stack. */
export interface ServiceContext {
  readonly projectDir: string;
  readonly lookup: EnvLookup;
  readonly dataContainers: ReadonlySet<string>;
  readonly report: Report;
}

/** Copies the optional fields that are set. */
function present<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null)) as { [K in keyof T]?: Exclude<T[K], null | undefined> };
}

/** Converts one service; problems go to the context's report. */
export function normalizeService(name: string, spec: ServiceSpec, context: ServiceContext): Service {
  const { report } = context;
  const path: WrittenPath = ["services", name];
  if (spec.image === undefined && spec.build === undefined) report.issue(path, `services.${name}: must have an image or a build section`);
  const { environment, envFiles } = resolveEnvironment(spec.environment, spec.env_file, context.lookup, report, path);
  const volumes = (spec.volumes ?? []).slice();
  const tmpfs = spec.tmpfs ?? [];
  checkMountTargets(volumes, tmpfs, report, path);
  return {
    name,
    ...optionalFields(spec, context, path),
    environment,
    envFiles,
    ports: (spec.ports ?? []).flat(),
    expose: (spec.expose ?? []).flat(),
    volumes,
    volumesFrom: normalizeVolumesFrom(spec.volumes_from, context.dataContainers),
    links: (spec.links ?? []).map(parseLink),
    dependsOn: spec.depends_on ?? {},
    networks: normalizeServiceNetworks(spec, report, path),
    restart: resolveRestart(spec),
    labels: stringValues(spec.labels),
    readOnly: spec.read_only ?? false,
    securityOpt: spec.security_opt ?? [],
    resources: resolveResources(spec, report, path),
    capAdd: spec.cap_add ?? [],
    capDrop: spec.cap_drop ?? [],
    tty: spec.tty ?? false,
    stdinOpen: spec.stdin_open ?? false,
    privileged: spec.privileged ?? false,
    extraHosts: spec.extra_hosts ?? [],
    dns: spec.dns ?? [],
    dnsSearch: spec.dns_search ?? [],
    dnsOpt: spec.dns_opt ?? [],
    ulimits: normalizeUlimits(spec, report, path),
    tmpfs,
    sysctls: stringValues(spec.sysctls),
    devices: spec.devices ?? [],
    groupAdd: spec.group_add ?? [],
    pullPolicy: spec.pull_policy ?? "missing",
    replicas: resolveReplicas(spec, report, path),
    profiles: spec.profiles ?? [],
    secrets: normalizeFileReferences(spec.secrets, "secrets"),
    configs: normalizeFileReferences(spec.configs, "configs"),
    extensions: extensionsOf(spec),
  };
}

/** The fields a service may leave out: absent stays absent, so `tsd config` prints only what was written. */
function optionalFields(spec: ServiceSpec, context: ServiceContext, path: WrittenPath) {
  const { report } = context;
  return present({
    image: spec.image,
    build: normalizeBuild(spec, context.projectDir, context.lookup, report, path),
    command: spec.command,
    entrypoint: spec.entrypoint,
    networkMode: spec.network_mode,
    healthcheck: normalizeHealthcheck(spec, report, path),
    user: spec.user,
    workingDir: spec.working_dir,
    hostname: spec.hostname,
    domainname: spec.domainname,
    containerName: spec.container_name,
    stopSignal: spec.stop_signal,
    stopGracePeriod: spec.stop_grace_period,
    init: spec.init,
    attach: spec.attach,
    deviceRequests: resolveDeviceRequests(spec),
    logging: spec.logging
      ? { ...present({ driver: spec.logging.driver }), options: stringValues(mapValues(spec.logging.options)) }
      : undefined,
    ipc: spec.ipc,
    pid: spec.pid,
    uts: spec.uts,
    usernsMode: spec.userns_mode,
    cgroupParent: spec.cgroup_parent,
    platform: spec.platform,
    runtime: spec.runtime,
    macAddress: spec.mac_address,
    deploy: normalizeDeploy(spec.deploy),
    develop: normalizeDevelop(spec, report, path),
  });
}

/** Sorted by name, each checked: a soft limit above its hard limit is refused as the kernel would. */
function normalizeUlimits(spec: ServiceSpec, report: Report, path: WrittenPath): Service["ulimits"] {
  const ulimits = Object.fromEntries(Object.entries(spec.ulimits ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const [ulimit, { soft, hard }] of Object.entries(ulimits)) {
    // -1 is RLIM_INFINITY: an unlimited hard limit is above any soft one.
    const aboveHard = hard !== -1 && (soft === -1 || soft > hard);
    if (aboveHard) report.issue([...path, "ulimits", ulimit], `soft limit ${soft} is above the hard limit ${hard} (soft must not exceed hard; -1 means unlimited)`);
  }
  return ulimits;
}

/** Logging options may be numbers or empty in the written form. */
function mapValues(options: Readonly<Record<string, string | number | null>> | undefined): Record<string, string | null> {
  return Object.fromEntries(Object.entries(options ?? {}).map(([key, value]) => [key, value === null ? null : String(value)]));
}
