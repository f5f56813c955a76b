/**
 * ContainerSpec → the engine's `POST /containers/create` body, for one
 * negotiated API version. Pure: the adapter sends what this returns and warns
 * about what it dropped, so the mapping can be read (and tested) in one place.
 *
 * The body is typed here rather than with @types/dockerode, whose
 * create-options type lags the API (no `CreateMountpoint`, mandatory
 * `VolumeOptions` fields) and would force casts at every field.
 */
import { InternalError } from "../../base/errors.js";
import type { ContainerSpec, HostSpec, MountSpec, NetworkAttachmentSpec } from "../types.js";
import { supportsApi } from "./api-version.js";

/** A field of the spec the engine's API version cannot express, left out of the request. */
export interface DroppedField {
  /** Path in the engine's request, e.g. `Healthcheck.StartInterval`. */
  readonly field: string;
  readonly requiredApiVersion: string;
}

/** One entry of `NetworkingConfig.EndpointsConfig`, or a `POST /networks/{id}/connect` `EndpointConfig`. */
export interface EndpointBody {
  readonly Aliases: string[];
  readonly Links?: string[];
  readonly IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] };
  readonly DriverOpts?: Record<string, string>;
  readonly MacAddress?: string;
}

/** What the adapter sends to create one container. */
export interface CreateRequest {
  readonly body: Record<string, unknown>;
  /** Networks to connect after create and before start (all but the first). */
  readonly laterNetworks: readonly NetworkAttachmentSpec[];
  readonly dropped: readonly DroppedField[];
}

/** Network modes that are not a network name. */
function isSpecialNetworkMode(mode: string): boolean {
  return ["", "default", "bridge", "host", "none"].includes(mode) || mode.startsWith("container:");
}

/** The endpoint settings of one attachment; a per-endpoint MAC needs API 1.44. */
export function endpointBody(
  attachment: NetworkAttachmentSpec,
  apiVersion: string,
  dropped: DroppedField[],
): EndpointBody {
  const { ipv4Address, ipv6Address, linkLocalIps, macAddress } = attachment;
  const hasIpam = ipv4Address !== undefined || ipv6Address !== undefined || (linkLocalIps?.length ?? 0) > 0;
  let endpointMac: string | undefined;
  if (macAddress !== undefined) {
    if (supportsApi(apiVersion, "1.44")) endpointMac = macAddress;
    else dropped.push({ field: `EndpointsConfig[${attachment.network}].MacAddress`, requiredApiVersion: "1.44" });
  }
  return {
    Aliases: [...attachment.aliases],
    ...(attachment.links && attachment.links.length > 0 ? { Links: [...attachment.links] } : {}),
    ...(hasIpam
      ? {
          IPAMConfig: {
            ...(ipv4Address !== undefined ? { IPv4Address: ipv4Address } : {}),
            ...(ipv6Address !== undefined ? { IPv6Address: ipv6Address } : {}),
            ...(linkLocalIps && linkLocalIps.length > 0 ? { LinkLocalIPs: [...linkLocalIps] } : {}),
          },
        }
      : {}),
    ...(attachment.driverOpts ? { DriverOpts: { ...attachment.driverOpts } } : {}),
    ...(endpointMac !== undefined ? { MacAddress: endpointMac } : {}),
  };
}

function mountBody(mount: MountSpec, apiVersion: string, dropped: DroppedField[]): Record<string, unknown> | string {
  switch (mount.type) {
    case "volume": {
      if (mount.subpath !== undefined && !supportsApi(apiVersion, "1.45")) {
        dropped.push({ field: `Mounts[${mount.target}].VolumeOptions.Subpath`, requiredApiVersion: "1.45" });
      }
      const subpath = supportsApi(apiVersion, "1.45") ? mount.subpath : undefined;
      return {
        Type: "volume",
        ...(mount.source !== undefined ? { Source: mount.source } : {}),
        Target: mount.target,
        ReadOnly: mount.readOnly,
        VolumeOptions: { NoCopy: mount.noCopy, Labels: { ...mount.labels }, ...(subpath ? { Subpath: subpath } : {}) },
      };
    }
    case "bind": {
      // `Mounts` refuses a missing host path; before API 1.42 (no
      // CreateMountpoint) only the legacy `Binds` syntax creates it, so the
      // mount moves there instead of losing the behaviour.
      if (mount.createHostPath && !supportsApi(apiVersion, "1.42")) {
        const options = [mount.readOnly ? "ro" : "rw", ...(mount.propagation ? [mount.propagation] : [])];
        return `${mount.source}:${mount.target}:${options.join(",")}`;
      }
      const bindOptions = {
        ...(mount.propagation ? { Propagation: mount.propagation } : {}),
        ...(mount.createHostPath ? { CreateMountpoint: true } : {}),
      };
      return { Type: "bind", Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly, BindOptions: bindOptions };
    }
    case "tmpfs":
      return {
        Type: "tmpfs",
        Target: mount.target,
        ReadOnly: mount.readOnly,
        TmpfsOptions: { ...(mount.sizeBytes !== undefined ? { SizeBytes: mount.sizeBytes } : {}), ...(mount.mode !== undefined ? { Mode: mount.mode } : {}) },
      };
  }
}

function hostConfigBody(host: HostSpec, apiVersion: string, dropped: DroppedField[]): Record<string, unknown> {
  const mounts = host.mounts.map((mount) => mountBody(mount, apiVersion, dropped));
  const binds = mounts.filter((mount): mount is string => typeof mount === "string");
  return {
    Mounts: mounts.filter((mount) => typeof mount !== "string"),
    ...(binds.length > 0 ? { Binds: binds } : {}),
    PortBindings: Object.fromEntries(
      Object.entries(host.portBindings).map(([port, bindings]) => [
        port,
        bindings.map((binding) => ({ HostIp: binding.hostIp, HostPort: binding.hostPort })),
      ]),
    ),
    RestartPolicy: { Name: host.restartPolicy.name, MaximumRetryCount: host.restartPolicy.maximumRetryCount },
    AutoRemove: host.autoRemove,
    NetworkMode: host.networkMode,
    VolumesFrom: [...host.volumesFrom],
    Links: [...host.links],
    ReadonlyRootfs: host.readOnlyRootfs,
    SecurityOpt: [...host.securityOpt],
    CapAdd: [...host.capAdd],
    CapDrop: [...host.capDrop],
    Privileged: host.privileged,
    Init: host.init,
    PidsLimit: host.pidsLimit,
    Memory: host.memoryBytes,
    MemoryReservation: host.memoryReservationBytes,
    MemorySwap: host.memorySwapBytes,
    MemorySwappiness: host.memorySwappiness,
    NanoCpus: host.nanoCpus,
    CpuShares: host.cpuShares,
    CpuQuota: host.cpuQuota,
    CpuPeriod: host.cpuPeriod,
    CpusetCpus: host.cpusetCpus,
    OomKillDisable: host.oomKillDisable,
    OomScoreAdj: host.oomScoreAdj,
    ShmSize: host.shmSizeBytes,
    LogConfig: host.logConfig ? { Type: host.logConfig.type, Config: { ...host.logConfig.config } } : undefined,
    ExtraHosts: [...host.extraHosts],
    Dns: [...host.dns],
    DnsSearch: [...host.dnsSearch],
    DnsOptions: [...host.dnsOptions],
    Ulimits: host.ulimits.map((limit) => ({ Name: limit.name, Soft: limit.soft, Hard: limit.hard })),
    Tmpfs: { ...host.tmpfs },
    Sysctls: { ...host.sysctls },
    Devices: host.devices.map((device) => ({
      PathOnHost: device.pathOnHost,
      PathInContainer: device.pathInContainer,
      CgroupPermissions: device.cgroupPermissions,
    })),
    GroupAdd: [...host.groupAdd],
    ...deviceRequestsBody(host),
    IpcMode: host.ipcMode,
    PidMode: host.pidMode,
    UTSMode: host.utsMode,
    UsernsMode: host.usernsMode,
    CgroupParent: host.cgroupParent,
    Runtime: host.runtime,
  };
}

function healthcheckBody(spec: ContainerSpec, apiVersion: string, dropped: DroppedField[]): Record<string, unknown> | undefined {
  const check = spec.healthcheck;
  if (!check) return undefined;
  if (check.startIntervalNs !== undefined && !supportsApi(apiVersion, "1.44")) {
    dropped.push({ field: "Healthcheck.StartInterval", requiredApiVersion: "1.44" });
  }
  return {
    Test: [...check.test],
    Interval: check.intervalNs,
    Timeout: check.timeoutNs,
    StartPeriod: check.startPeriodNs,
    StartInterval: supportsApi(apiVersion, "1.44") ? check.startIntervalNs : undefined,
    Retries: check.retries,
  };
}

/**
 * The create request for `spec` on an engine speaking `apiVersion`.
 *
 * `entrypoint: []` is sent as `[]`, which the engine reads as "no
 * entrypoint" while still inheriting the image's `Cmd` (Compose's
 * `entrypoint: []`); `[""]`, what `docker run --entrypoint ""` sends, would
 * also discard the image's `Cmd`. An absent entrypoint inherits the image's.
 */
export function createRequest(spec: ContainerSpec, apiVersion: string): CreateRequest {
  const dropped: DroppedField[] = [];
  const [first, ...later] = spec.networks;
  const mode = spec.host.networkMode;
  // The engine would otherwise pick one of the two silently: joined networks name the mode, a special mode joins none.
  if (first ? first.network !== mode : !isSpecialNetworkMode(mode)) {
    throw new InternalError(
      `container "${spec.name}": network mode "${mode}" must be its first network, not "${first?.network ?? "(none)"}"`,
    );
  }
  // Before API 1.44 the MAC address is container-wide: the spec's, else the first network's, can be honoured.
  const perEndpointMac = supportsApi(apiVersion, "1.44");
  const legacyMac = perEndpointMac ? undefined : (spec.macAddress ?? first?.macAddress);
  const firstAttachment =
    first && perEndpointMac
      ? { ...first, macAddress: first.macAddress ?? spec.macAddress }
      : first && legacyMac === first.macAddress
        ? { ...first, macAddress: undefined }
        : first;
  const endpoint = firstAttachment ? endpointBody(firstAttachment, apiVersion, dropped) : undefined;
  const exposed = new Set([...spec.exposedPorts, ...Object.keys(spec.host.portBindings)]);
  const body: Record<string, unknown> = {
    Image: spec.image,
    Labels: { ...spec.labels },
    Env: [...spec.env],
    Cmd: spec.cmd ? [...spec.cmd] : undefined,
    Entrypoint: spec.entrypoint ? [...spec.entrypoint] : undefined,
    User: spec.user,
    WorkingDir: spec.workingDir,
    Hostname: spec.hostname,
    Domainname: spec.domainname,
    MacAddress: perEndpointMac ? (first ? undefined : spec.macAddress) : legacyMac,
    Tty: spec.tty,
    OpenStdin: spec.openStdin,
    // tsd never attaches at create time; stdout/stderr mirror `docker create` so `docker start -a` behaves.
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    // One-off containers (`tsd run -i`): the attached stdin's end closes the process's stdin.
    StdinOnce: spec.stdinOnce ?? false,
    StopSignal: spec.stopSignal,
    StopTimeout: spec.stopTimeoutSeconds,
    ExposedPorts: Object.fromEntries([...exposed].sort().map((port) => [port, {}])),
    Healthcheck: healthcheckBody(spec, apiVersion, dropped),
    HostConfig: hostConfigBody(spec.host, apiVersion, dropped),
    NetworkingConfig: first && endpoint ? { EndpointsConfig: { [first.network]: endpoint } } : undefined,
  };
  return { body, laterNetworks: later, dropped };
}

/** `DeviceRequests`, only when there are any. The engine matches a request's capabilities as one AND-set; Compose sends one set per request. */
function deviceRequestsBody(host: ContainerSpec["host"]): { DeviceRequests?: unknown[] } {
  if (!host.deviceRequests) return {};
  return { DeviceRequests: host.deviceRequests.map((request) => ({ Driver: request.driver, Count: request.count, DeviceIDs: [...request.deviceIds], Capabilities: [[...request.capabilities]], Options: { ...request.options } })) };
}
