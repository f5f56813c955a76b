/**
 * The engine's inspect answers → tsd's Observed* types. Every `null` the
 * engine may send for an empty list or map becomes an empty value here, so
 * code above the seam never checks for it.
 */
import type Docker from "dockerode";
import type {
  ContainerState,
  HealthStatus,
  LiveSettings,
  ObservedAttachment,
  ObservedContainer,
  ObservedImage,
  ObservedMount,
  ObservedNetwork,
  ObservedVolume,
  PortBinding,
  RestartPolicyName,
} from "../types.js";

const CONTAINER_STATES: ReadonlySet<string> = new Set<ContainerState>([
  "created",
  "running",
  "paused",
  "restarting",
  "removing",
  "exited",
  "dead",
]);

function containerState(status: string): ContainerState {
  // An unknown state from a newer engine is safest read as "not running".
  return CONTAINER_STATES.has(status) ? (status as ContainerState) : "dead";
}

/** `none` when the container has no health check (the engine omits `State.Health`, or reports an empty status). */
function healthStatus(status: string | undefined): HealthStatus {
  switch (status) {
    case "starting":
    case "healthy":
    case "unhealthy":
      return status;
    default:
      return "none";
  }
}

function observedMounts(mounts: Docker.ContainerInspectInfo["Mounts"] | null): ObservedMount[] {
  const observed: ObservedMount[] = [];
  for (const mount of mounts ?? []) {
    if (mount.Type !== "volume" && mount.Type !== "bind" && mount.Type !== "tmpfs") continue;
    observed.push({
      type: mount.Type,
      ...(mount.Name ? { name: mount.Name } : {}),
      source: mount.Source,
      destination: mount.Destination,
      readOnly: !mount.RW,
    });
  }
  return observed.sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0));
}

function observedNetworks(info: Docker.ContainerInspectInfo): Record<string, ObservedAttachment> {
  const networks: Record<string, ObservedAttachment> = {};
  for (const [name, endpoint] of Object.entries(info.NetworkSettings.Networks ?? {})) {
    const aliases: unknown = endpoint.Aliases;
    networks[name] = {
      ipAddress: endpoint.IPAddress,
      aliases: Array.isArray(aliases) ? aliases.filter((alias): alias is string => typeof alias === "string") : [],
    };
  }
  return networks;
}

/**
 * Actual host bindings (`NetworkSettings.Ports`), which only a running
 * container has: that is where an ephemeral host port can be read. Ports that
 * are exposed but not published (`null` bindings) are left out.
 */
function observedPorts(info: Docker.ContainerInspectInfo): Record<string, PortBinding[]> {
  const ports: Record<string, PortBinding[]> = {};
  const reported = (info.NetworkSettings.Ports ?? {}) as Record<string, { HostIp: string; HostPort: string }[] | null>;
  for (const [port, bindings] of Object.entries(reported)) {
    if (!bindings || bindings.length === 0) continue;
    ports[port] = bindings.map((binding) => ({ hostIp: binding.HostIp, hostPort: binding.HostPort }));
  }
  return ports;
}

const RESTART_POLICIES: ReadonlySet<string> = new Set<RestartPolicyName>(["no", "always", "on-failure", "unless-stopped"]);

/** The updatable HostConfig settings; the engine sends `null` (or nothing) for a setting never set. */
function liveSettings(host: Docker.HostConfig): LiveSettings {
  const policy = host.RestartPolicy?.Name ?? "";
  return {
    // An empty policy name is how the engine reports "no".
    restartPolicy: { name: RESTART_POLICIES.has(policy) ? (policy as RestartPolicyName) : "no", maximumRetryCount: host.RestartPolicy?.MaximumRetryCount ?? 0 },
    memoryBytes: host.Memory ?? 0,
    memorySwapBytes: host.MemorySwap ?? 0,
    memoryReservationBytes: host.MemoryReservation ?? 0,
    nanoCpus: host.NanoCpus ?? 0,
    cpuShares: host.CpuShares ?? 0,
    cpusetCpus: host.CpusetCpus ?? "",
    // -1 and 0 both mean "no limit"; tsd reads both as 0.
    pidsLimit: Math.max(0, host.PidsLimit ?? 0),
    blkioWeight: host.BlkioWeight ?? 0,
  };
}

/** A container's inspect answer, in tsd's terms. */
export function observeContainer(info: Docker.ContainerInspectInfo): ObservedContainer {
  const health = info.State.Health;
  const lastProbe = health?.Log?.at(-1);
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ""),
    image: info.Config.Image,
    imageId: info.Image,
    labels: { ...(info.Config.Labels ?? {}) },
    state: containerState(info.State.Status),
    health: healthStatus(health?.Status),
    ...(lastProbe ? { lastHealthOutput: lastProbe.Output.trim() } : {}),
    exitCode: info.State.ExitCode,
    restartCount: info.RestartCount,
    startedAt: info.State.StartedAt,
    finishedAt: info.State.FinishedAt,
    mounts: observedMounts(info.Mounts),
    networks: observedNetworks(info),
    ports: observedPorts(info),
    live: liveSettings(info.HostConfig),
  };
}

/** Health as the list answer's status text shows it: `Up 2 minutes (healthy)`, `Up 3 seconds (health: starting)`. */
function healthFromStatus(status: string): HealthStatus {
  if (status.includes("(healthy)")) return "healthy";
  if (status.includes("(unhealthy)")) return "unhealthy";
  if (status.includes("(health: starting)")) return "starting";
  return "none";
}

/**
 * A container's list entry, in tsd's terms. The list answer carries all the
 * planner needs (labels, state, image ID, mounts); the exit code and health
 * are read from its status text (`Exited (137) 5 seconds ago`), which is the
 * engine's stable, documented format for them in this answer.
 */
export function observeContainerSummary(summary: Docker.ContainerInfo): ObservedContainer {
  const exited = /^Exited \((-?\d+)\)/.exec(summary.Status);
  const ports: Record<string, PortBinding[]> = {};
  for (const port of summary.Ports ?? []) {
    if (port.PublicPort === undefined || port.PublicPort === 0) continue;
    const key = `${port.PrivatePort}/${port.Type}`;
    ports[key] = [...(ports[key] ?? []), { hostIp: port.IP ?? "", hostPort: String(port.PublicPort) }];
  }
  const networks: Record<string, ObservedAttachment> = {};
  for (const [name, endpoint] of Object.entries(summary.NetworkSettings?.Networks ?? {})) {
    networks[name] = { ipAddress: endpoint.IPAddress, aliases: Array.isArray(endpoint.Aliases) ? endpoint.Aliases : [] };
  }
  return {
    id: summary.Id,
    name: (summary.Names[0] ?? "").replace(/^\//, ""),
    image: summary.Image,
    imageId: summary.ImageID,
    labels: { ...(summary.Labels ?? {}) },
    state: containerState(summary.State),
    health: healthFromStatus(summary.Status),
    exitCode: exited ? Number(exited[1]) : 0,
    mounts: observedMounts(summary.Mounts as Docker.ContainerInspectInfo["Mounts"]),
    networks,
    ports,
  };
}

/** A network's inspect or list entry. */
export function observeNetwork(info: Docker.NetworkInspectInfo): ObservedNetwork {
  return {
    id: info.Id,
    name: info.Name,
    driver: info.Driver,
    internal: info.Internal,
    labels: { ...(info.Labels ?? {}) },
  };
}

/** A volume's inspect or list entry. */
export function observeVolume(info: Docker.VolumeInspectInfo): ObservedVolume {
  return { name: info.Name, driver: info.Driver, labels: { ...(info.Labels ?? {}) } };
}

/** An image's inspect answer. */
export function observeImage(info: Docker.ImageInspectInfo): ObservedImage {
  return { id: info.Id, tags: [...(info.RepoTags ?? [])], labels: { ...(info.Config.Labels ?? {}) } };
}
