/**
 * The parts of Docker's HostConfig that come straight from one service's
 * fields: restart, security, resources, logging, DNS, kernel settings and
 * namespaces. Mounts, ports, networks and links have their own modules.
 */
import type { HostSpec } from "../../../docker-api/types.js";
import type { RestartPolicy, Service, Stack } from "../../../stack/model.js";
import { splitTmpfsEntry } from "../../../stack/syntax/mounts.js";
import { namespaceMode } from "../../../stack/names.js";

/** What this module fills in. */
export type HostSettings = Omit<HostSpec, "mounts" | "portBindings" | "networkMode" | "volumesFrom" | "links">;

/**
 * A HostConfig with every setting at what a plain `docker create` uses: no
 * mounts, ports, links or privileges, restart `no`, the default bridge.
 * `fields` set the rest.
 */
export function defaultHostSpec(fields: Partial<HostSpec> = {}): HostSpec {
  return {
    mounts: [],
    portBindings: {},
    restartPolicy: { name: "no", maximumRetryCount: 0 },
    networkMode: "bridge",
    volumesFrom: [],
    links: [],
    readOnlyRootfs: false,
    securityOpt: [],
    capAdd: [],
    capDrop: [],
    privileged: false,
    extraHosts: [],
    dns: [],
    dnsSearch: [],
    dnsOptions: [],
    ulimits: [],
    tmpfs: {},
    sysctls: {},
    devices: [],
    groupAdd: [],
    ...fields,
  };
}

/** Docker's restart policy; a retry count only means something with `on-failure` (0: retry forever). */
export function restartPolicy(restart: RestartPolicy): HostSpec["restartPolicy"] {
  return { name: restart.policy, maximumRetryCount: restart.policy === "on-failure" ? (restart.maxRetries ?? 0) : 0 };
}

/** `/run:size=64m` → `{"/run": "size=64m"}`; a bare path gets empty options. */
export function tmpfsMap(entries: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    entries.map((entry) => {
      const { target, options } = splitTmpfsEntry(entry);
      return [target, options];
    }),
  );
}

/** Every HostConfig setting that is a direct translation of a service field. */
export function hostSettings(stack: Stack, service: Service): HostSettings {
  const { resources } = service;
  return {
    restartPolicy: restartPolicy(service.restart),
    readOnlyRootfs: service.readOnly,
    securityOpt: service.securityOpt,
    capAdd: service.capAdd,
    capDrop: service.capDrop,
    privileged: service.privileged,
    init: service.init,
    pidsLimit: resources.pidsLimit,
    memoryBytes: resources.memLimit,
    memoryReservationBytes: resources.memReservation,
    memorySwapBytes: resources.memswapLimit,
    memorySwappiness: resources.memSwappiness,
    // Docker takes CPUs in billionths; rounding keeps 0.1 + float noise an exact count.
    nanoCpus: resources.cpus === undefined ? undefined : Math.round(resources.cpus * 1e9),
    cpuShares: resources.cpuShares,
    cpuQuota: resources.cpuQuota,
    cpuPeriod: resources.cpuPeriod,
    cpusetCpus: resources.cpuset,
    oomKillDisable: resources.oomKillDisable,
    oomScoreAdj: resources.oomScoreAdj,
    shmSizeBytes: resources.shmSize,
    // No driver written: an empty type makes the daemon use its default driver, with these options.
    logConfig: service.logging === undefined ? undefined : { type: service.logging.driver ?? "", config: service.logging.options },
    extraHosts: service.extraHosts.map(({ host, ip }) => `${host}:${ip}`),
    dns: service.dns,
    dnsSearch: service.dnsSearch,
    dnsOptions: service.dnsOpt,
    ulimits: Object.entries(service.ulimits).map(([name, { soft, hard }]) => ({ name, soft, hard })),
    tmpfs: tmpfsMap(service.tmpfs),
    sysctls: service.sysctls,
    devices: service.devices.map(({ source, target, permissions }) => ({ pathOnHost: source, pathInContainer: target, cgroupPermissions: permissions })),
    groupAdd: service.groupAdd,
    ...(service.deviceRequests
      ? { deviceRequests: service.deviceRequests.map((request) => ({ driver: request.driver ?? "", count: request.count ?? 0, deviceIds: request.deviceIds, capabilities: request.capabilities, options: request.options })) }
      : {}),
    ipcMode: namespaceMode(stack, service.ipc),
    pidMode: namespaceMode(stack, service.pid),
    utsMode: namespaceMode(stack, service.uts),
    usernsMode: namespaceMode(stack, service.usernsMode),
    cgroupParent: service.cgroupParent,
    runtime: service.runtime,
  };
}
