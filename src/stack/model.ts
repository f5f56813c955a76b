/**
 * The canonical stack: what the loader produces and every later stage
 * (graph, planner, executor, watcher) consumes.
 *
 * Canonical means: one long form per concept (every Compose short syntax is
 * converted), durations in milliseconds, byte sizes in bytes, relative paths
 * resolved to absolute ones, `environment` already merged with `env_file`,
 * and references checked. Keys are camelCase TypeScript; `tsd config` prints
 * it back as a Compose file (render.ts).
 */
import type { Deploy } from "./model-deploy.js";
import type { Mount } from "./model-mounts.js";
import type { DataContainer, FileObject, Network, Volume } from "./model-resources.js";

/** A resolved stack, ready for graphing and planning. */
export interface Stack {
  /** Project name, normalised to `[a-z0-9][a-z0-9_-]*`. */
  readonly name: string;
  /**
   * Stable identity of the project: a hash of the real path of the project
   * directory. Two folders with the same name never share it.
   */
  readonly projectId: string;
  /** Absolute, real path of the project directory. */
  readonly projectDir: string;
  /** Every file that contributed: stack files, extends/include targets (absolute paths). */
  readonly files: readonly string[];
  /** Every env file read for interpolation or env_file (absolute paths), for the watcher. */
  readonly envFiles: readonly string[];
  /** Profiles that are active. */
  readonly profiles: readonly string[];
  readonly services: Readonly<Record<string, Service>>;
  /** tsd's own addition: containers that exist only to hold volumes. */
  readonly dataContainers: Readonly<Record<string, DataContainer>>;
  readonly networks: Readonly<Record<string, Network>>;
  readonly volumes: Readonly<Record<string, Volume>>;
  readonly secrets: Readonly<Record<string, FileObject>>;
  readonly configs: Readonly<Record<string, FileObject>>;
  /** Top-level `x-` extensions, kept verbatim. */
  readonly extensions: Readonly<Record<string, unknown>>;
}

/** A Compose service. Optional fields are absent when the image's default applies. */
export interface Service {
  readonly name: string;
  readonly image?: string;
  readonly build?: Build;
  /** Exec form. A Compose string command is split like a shell would. */
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  /** Resolved environment: env_file entries, overridden by `environment`. `null`: declared without a value and not set in the caller's environment. */
  readonly environment: Readonly<Record<string, string | null>>;
  /** The env files this service read (absolute paths), for the watcher. */
  readonly envFiles: readonly string[];
  readonly ports: readonly Port[];
  readonly expose: readonly ExposedPort[];
  readonly volumes: readonly Mount[];
  readonly volumesFrom: readonly VolumesFrom[];
  readonly links: readonly Link[];
  /** As written (explicit entries only); implicit edges are added by the graph. */
  readonly dependsOn: Readonly<Record<string, Dependency>>;
  readonly networkMode?: NetworkMode;
  /** Networks joined, by top-level network key. Empty when `networkMode` is set. */
  readonly networks: Readonly<Record<string, ServiceNetwork>>;
  readonly restart: RestartPolicy;
  readonly healthcheck?: Healthcheck;
  readonly user?: string;
  readonly workingDir?: string;
  readonly hostname?: string;
  readonly domainname?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly containerName?: string;
  readonly stopSignal?: string;
  /** Milliseconds. */
  readonly stopGracePeriod?: number;
  readonly readOnly: boolean;
  readonly securityOpt: readonly string[];
  readonly resources: Resources;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly init?: boolean;
  readonly tty: boolean;
  readonly stdinOpen: boolean;
  readonly privileged: boolean;
  readonly logging?: Logging;
  readonly extraHosts: readonly ExtraHost[];
  readonly dns: readonly string[];
  readonly dnsSearch: readonly string[];
  readonly dnsOpt: readonly string[];
  readonly ulimits: Readonly<Record<string, Ulimit>>;
  /** Container paths mounted as tmpfs, with options as written after `:` (e.g. `/run:size=64m`). */
  readonly tmpfs: readonly string[];
  readonly sysctls: Readonly<Record<string, string>>;
  readonly devices: readonly Device[];
  /** `gpus` and `deploy.resources.reservations.devices`; absent when neither is written. */
  readonly deviceRequests?: readonly DeviceRequest[];
  /** `false`: attached `up` does not follow this service's output (Compose's `attach`). */
  readonly attach?: boolean;
  readonly groupAdd: readonly string[];
  readonly ipc?: string;
  readonly pid?: string;
  readonly uts?: string;
  readonly usernsMode?: string;
  readonly cgroupParent?: string;
  readonly platform?: string;
  readonly runtime?: string;
  readonly macAddress?: string;
  readonly pullPolicy: PullPolicy;
  /** Number of containers to run (`scale` / `deploy.replicas`, default 1). */
  readonly replicas: number;
  /** The written `deploy` section, typed, for Swarm; a single engine reads only what is merged into `replicas`, `resources` and `restart`. */
  readonly deploy?: Deploy;
  readonly profiles: readonly string[];
  readonly develop?: Develop;
  readonly secrets: readonly FileReference[];
  readonly configs: readonly FileReference[];
  /** Service-level `x-` extensions, kept verbatim (tsd's own settings may live under `x-tsd`). */
  readonly extensions: Readonly<Record<string, unknown>>;
}

/** Image build settings (classic engine build API). */
export interface Build {
  /** Absolute path, or a URL kept as written (git or http context). */
  readonly context: string;
  /** Relative to the context. Absent when `dockerfileInline` is set. */
  readonly dockerfile?: string;
  readonly dockerfileInline?: string;
  readonly args: Readonly<Record<string, string | null>>;
  readonly target?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly network?: string;
  /** Bytes. */
  readonly shmSize?: number;
  readonly extraHosts: readonly ExtraHost[];
  readonly cacheFrom: readonly string[];
  /** Additional tags for the built image. */
  readonly tags: readonly string[];
  readonly noCache: boolean;
  readonly pull: boolean;
  readonly platforms: readonly string[];
}

/** Transport protocols Docker publishes. */
export type Protocol = "tcp" | "udp" | "sctp";

/** An inclusive range of host ports. `start === end` for a single port. */
export interface PortRange {
  readonly start: number;
  readonly end: number;
}

/** One published or container port (ranges in short syntax are expanded, one entry per container port). */
export interface Port {
  readonly target: number;
  /** Host port(s); absent: an ephemeral port is chosen by the engine. */
  readonly published?: PortRange;
  /** Host IP to bind; absent: all interfaces. */
  readonly hostIp?: string;
  readonly protocol: Protocol;
  readonly mode: "ingress" | "host";
  readonly name?: string;
  readonly appProtocol?: string;
}

/** A port the container exposes to other containers without publishing it. */
export interface ExposedPort {
  readonly port: number;
  readonly protocol: Protocol;
}

/** `volumes_from` entry, resolved to what it names. */
export interface VolumesFrom {
  readonly kind: "service" | "dataContainer" | "container";
  /** Service or data-container key, or a container name for `container:NAME`. */
  readonly name: string;
  readonly readOnly: boolean;
}

/** A legacy link: `service` reachable as `alias`. */
export interface Link {
  readonly service: string;
  readonly alias: string;
}

/** When a dependency counts as ready. */
export type DependencyCondition = "service_started" | "service_healthy" | "service_completed_successfully";

/** A `depends_on` entry, long form. */
export interface Dependency {
  readonly condition: DependencyCondition;
  /** `false`: warn and go on when the dependency is missing or fails. */
  readonly required: boolean;
  /** Restart this service when the dependency is restarted or recreated. */
  readonly restart: boolean;
}

/** `network_mode`. */
export type NetworkMode =
  | { readonly kind: "bridge" | "host" | "none" }
  | { readonly kind: "service"; readonly service: string }
  | { readonly kind: "container"; readonly container: string };

/** How a service joins one network. */
export interface ServiceNetwork {
  readonly aliases: readonly string[];
  readonly ipv4Address?: string;
  readonly ipv6Address?: string;
  readonly macAddress?: string;
  readonly linkLocalIps: readonly string[];
  readonly priority?: number;
  readonly gwPriority?: number;
  readonly driverOpts: Readonly<Record<string, string>>;
  readonly interfaceName?: string;
}

/** Restart policy, Docker's four. */
export interface RestartPolicy {
  readonly policy: "no" | "always" | "on-failure" | "unless-stopped";
  /** Only with `on-failure`; absent: retry forever. */
  readonly maxRetries?: number;
}

/** A health check. `test` is Docker's form: `["CMD", ...]`, `["CMD-SHELL", "..."]` or `["NONE"]`. */
export interface Healthcheck {
  readonly test: readonly string[];
  /** Milliseconds. */
  readonly interval?: number;
  readonly timeout?: number;
  readonly startPeriod?: number;
  readonly startInterval?: number;
  readonly retries?: number;
  /** True for `disable: true` or a `NONE` test: the image's check is turned off. */
  readonly disable: boolean;
}

/** Limits and reservations (service keys and `deploy.resources` merged; conflicting values are an error). */
export interface Resources {
  /** Bytes. */
  readonly memLimit?: number;
  readonly memReservation?: number;
  readonly memswapLimit?: number;
  readonly memSwappiness?: number;
  readonly shmSize?: number;
  /** Fractional CPUs, e.g. 0.5. */
  readonly cpus?: number;
  readonly cpuShares?: number;
  readonly cpuQuota?: number;
  readonly cpuPeriod?: number;
  readonly cpuset?: string;
  readonly pidsLimit?: number;
  readonly oomKillDisable?: boolean;
  readonly oomScoreAdj?: number;
  /** Reserved CPUs (`deploy.resources.reservations.cpus`); informational on a single engine. */
  readonly cpusReservation?: number;
}

/** Log driver and its options. */
export interface Logging {
  readonly driver?: string;
  readonly options: Readonly<Record<string, string>>;
}

/** An `/etc/hosts` entry. */
export interface ExtraHost {
  readonly host: string;
  readonly ip: string;
}

/** A ulimit. */
export interface Ulimit {
  readonly soft: number;
  readonly hard: number;
}

/** A host device made available in the container. */
export interface Device {
  readonly source: string;
  readonly target: string;
  readonly permissions: string;
}

/**
 * A request for devices of a driver (`gpus`, `deploy.resources.reservations.devices`),
 * as the engine's DeviceRequest: by IDs, or a count (-1: all) of devices with these capabilities.
 */
export interface DeviceRequest {
  readonly driver?: string;
  /** -1: every matching device. Absent when `deviceIds` name them. */
  readonly count?: number;
  readonly deviceIds: readonly string[];
  readonly capabilities: readonly string[];
  readonly options: Readonly<Record<string, string>>;
}

/** When to pull the image. */
export type PullPolicy = "always" | "never" | "missing" | "build" | "if_not_present" | `every_${string}` | "daily" | "weekly";

/** `develop` section: the file-watch dev loop. */
export interface Develop {
  readonly watch: readonly WatchRule[];
}

/** One `develop.watch` rule. */
export interface WatchRule {
  readonly action: "sync" | "rebuild" | "restart" | "sync+restart" | "sync+exec";
  /** Absolute host path. */
  readonly path: string;
  /** Container path (sync actions). */
  readonly target?: string;
  readonly ignore: readonly string[];
  readonly include: readonly string[];
  readonly initialSync: boolean;
  /** Command for `sync+exec`. */
  readonly exec?: { readonly command: readonly string[]; readonly user?: string; readonly workingDir?: string };
}

/** A secret or config granted to a service. */
export interface FileReference {
  /** Top-level secret/config key. */
  readonly source: string;
  /** Path in the container (secrets: under /run/secrets unless absolute; configs: `/<source>` unless set). */
  readonly target: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly mode?: number;
}

export type {
  Deploy,
  DeployMode,
  DeployResources,
  DeployRestartPolicy,
  EndpointMode,
  FailureAction,
  Placement,
  PlacementPreference,
  ResourceLimits,
  ResourceReservations,
  RestartCondition,
  UpdateConfig,
  UpdateOrder,
} from "./model-deploy.js";
export type { BindMount, Mount, TmpfsMount, VolumeMount } from "./model-mounts.js";
export type { DataContainer, FileObject, Ipam, IpamPool, Network, Volume } from "./model-resources.js";
