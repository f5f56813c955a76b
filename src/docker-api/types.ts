/**
 * The engine's vocabulary, in tsd's own types. The Docker adapter maps
 * dockerode's shapes into these at the edge; nothing above `src/engine/`
 * ever sees a dockerode type.
 */

/** Docker's health states; `none` when the container has no health check. */
export type HealthStatus = "none" | "starting" | "healthy" | "unhealthy";

/** Docker's container states. */
export type ContainerState = "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";

/** A mount as the engine reports it. */
export interface ObservedMount {
  readonly type: "volume" | "bind" | "tmpfs";
  /** Volume name (volumes only; anonymous volumes have a generated 64-hex name). */
  readonly name?: string;
  /** Host path (binds) or the volume's data path. */
  readonly source: string;
  readonly destination: string;
  readonly readOnly: boolean;
}

/** One network a container is attached to. */
export interface ObservedAttachment {
  readonly ipAddress: string;
  readonly aliases: readonly string[];
}

/** A container, inspected. */
export interface ObservedContainer {
  readonly id: string;
  /** Without the leading `/`. */
  readonly name: string;
  /** The image reference it was created from, as written. */
  readonly image: string;
  /** The image ID it runs (`sha256:…`). */
  readonly imageId: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly state: ContainerState;
  readonly health: HealthStatus;
  /** Output of the most recent health probe, if any (for error messages). */
  readonly lastHealthOutput?: string;
  readonly exitCode: number;
  /**
   * The next three come only from inspecting one container (`inspectContainer`);
   * `listContainers` reads the engine's list answer, which lacks them, so a
   * whole project is observed in one request.
   */
  readonly restartCount?: number;
  /** ISO time of the current (or last) start; `0001-01-01T00:00:00Z` when never started. */
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly mounts: readonly ObservedMount[];
  /** By network name. */
  readonly networks: Readonly<Record<string, ObservedAttachment>>;
  /** Published ports: `8080/tcp` → host bindings. */
  readonly ports: Readonly<Record<string, readonly PortBinding[]>>;
  /** What the update endpoint can change live, as the container has it now (inspect only). */
  readonly live?: LiveSettings;
}

/** Docker's restart policy names. */
export type RestartPolicyName = "no" | "always" | "on-failure" | "unless-stopped";

/**
 * The HostConfig settings the engine's update endpoint (`docker update`)
 * changes on a live container, as inspect reports them. `0` (or `""`) means
 * "not set" (no limit, the default weight), as in the engine's answer.
 */
export interface LiveSettings {
  readonly restartPolicy: { readonly name: RestartPolicyName; readonly maximumRetryCount: number };
  readonly memoryBytes: number;
  /** `-1`: unlimited swap. */
  readonly memorySwapBytes: number;
  readonly memoryReservationBytes: number;
  readonly nanoCpus: number;
  readonly cpuShares: number;
  readonly cpusetCpus: string;
  readonly pidsLimit: number;
  readonly blkioWeight: number;
}

/**
 * One call of the update endpoint: only the fields given change. The engine
 * reads `0` as "leave as is" for memory, CPU and blkio fields (so a limit
 * cannot be lifted in place); `pidsLimit: -1` lifts the pids limit.
 */
export type ContainerUpdate = Partial<LiveSettings>;

/** A network, as listed. */
export interface ObservedNetwork {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly internal: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

/** A volume, as listed. */
export interface ObservedVolume {
  readonly name: string;
  readonly driver: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** An image present in the engine. */
export interface ObservedImage {
  readonly id: string;
  readonly tags: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** A host binding of a container port. */
export interface PortBinding {
  /** Empty: all interfaces. */
  readonly hostIp: string;
  /** Empty: an ephemeral port. */
  readonly hostPort: string;
}

/** A mount to create (Docker's `HostConfig.Mounts` entry). */
export type MountSpec =
  | { readonly type: "volume"; readonly source?: string; readonly target: string; readonly readOnly: boolean; readonly noCopy: boolean; readonly subpath?: string; readonly labels?: Readonly<Record<string, string>> }
  | { readonly type: "bind"; readonly source: string; readonly target: string; readonly readOnly: boolean; readonly propagation?: string; readonly createHostPath: boolean }
  | { readonly type: "tmpfs"; readonly target: string; readonly readOnly: boolean; readonly sizeBytes?: number; readonly mode?: number };

/** A health check to create, Docker's units (nanoseconds). */
export interface HealthcheckSpec {
  readonly test: readonly string[];
  readonly intervalNs?: number;
  readonly timeoutNs?: number;
  readonly startPeriodNs?: number;
  readonly startIntervalNs?: number;
  readonly retries?: number;
}

/** How a container joins one network. */
export interface NetworkAttachmentSpec {
  /** Engine name of the network. */
  readonly network: string;
  readonly aliases: readonly string[];
  readonly ipv4Address?: string;
  readonly ipv6Address?: string;
  readonly macAddress?: string;
  readonly linkLocalIps?: readonly string[];
  readonly driverOpts?: Readonly<Record<string, string>>;
  /** Legacy links on this network: `container:alias`. */
  readonly links?: readonly string[];
}

/** Everything needed to create one container. Engine-neutral, but Docker-shaped. */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `KEY=VALUE` entries. */
  readonly env: readonly string[];
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  readonly hostname?: string;
  readonly domainname?: string;
  readonly tty: boolean;
  readonly openStdin: boolean;
  /** Close the process's stdin when the attached client's stdin ends (one-off containers). */
  readonly stdinOnce?: boolean;
  readonly stopSignal?: string;
  readonly stopTimeoutSeconds?: number;
  /** `8080/tcp` entries: exposed (and published) container ports. */
  readonly exposedPorts: readonly string[];
  readonly healthcheck?: HealthcheckSpec;
  readonly macAddress?: string;
  readonly host: HostSpec;
  /** Networks to join; the first at create time, the rest connected before start. Empty with a non-network networkMode. */
  readonly networks: readonly NetworkAttachmentSpec[];
  /** Files written into the container after it is created, before it starts (secrets and configs with no host file). */
  readonly files?: readonly ContainerFileSpec[];
}

/** A file tsd writes into a created container. Its content may be a secret: never print it. */
export interface ContainerFileSpec {
  /** Absolute path in the container. */
  readonly path: string;
  readonly content: string;
  /** Permission bits (0o444 unless the stack says otherwise). */
  readonly mode: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** Docker's HostConfig, the parts tsd sets. */
export interface HostSpec {
  readonly mounts: readonly MountSpec[];
  /** `8080/tcp` → bindings. */
  readonly portBindings: Readonly<Record<string, readonly PortBinding[]>>;
  readonly restartPolicy: { readonly name: RestartPolicyName; readonly maximumRetryCount: number };
  /** The engine removes the container when it stops (`tsd run -d --rm`). */
  readonly autoRemove?: boolean;
  /** `bridge`, `host`, `none`, `container:<id or name>`, or a network name. */
  readonly networkMode: string;
  /** `container[:ro]` entries. */
  readonly volumesFrom: readonly string[];
  /** Legacy links for the default bridge (`container:alias`). */
  readonly links: readonly string[];
  readonly readOnlyRootfs: boolean;
  readonly securityOpt: readonly string[];
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly privileged: boolean;
  readonly init?: boolean;
  readonly pidsLimit?: number;
  readonly memoryBytes?: number;
  readonly memoryReservationBytes?: number;
  readonly memorySwapBytes?: number;
  readonly memorySwappiness?: number;
  readonly nanoCpus?: number;
  readonly cpuShares?: number;
  readonly cpuQuota?: number;
  readonly cpuPeriod?: number;
  readonly cpusetCpus?: string;
  readonly oomKillDisable?: boolean;
  readonly oomScoreAdj?: number;
  readonly shmSizeBytes?: number;
  readonly logConfig?: { readonly type: string; readonly config: Readonly<Record<string, string>> };
  /** `host:ip` entries. */
  readonly extraHosts: readonly string[];
  readonly dns: readonly string[];
  readonly dnsSearch: readonly string[];
  readonly dnsOptions: readonly string[];
  readonly ulimits: readonly { readonly name: string; readonly soft: number; readonly hard: number }[];
  /** Container path → options (`size=64m`), Docker's `Tmpfs` map. */
  readonly tmpfs: Readonly<Record<string, string>>;
  readonly sysctls: Readonly<Record<string, string>>;
  readonly devices: readonly { readonly pathOnHost: string; readonly pathInContainer: string; readonly cgroupPermissions: string }[];
  readonly groupAdd: readonly string[];
  /** GPUs and other driver devices (`--gpus`); absent: none. */
  readonly deviceRequests?: readonly DeviceRequestSpec[];
  readonly ipcMode?: string;
  readonly pidMode?: string;
  readonly utsMode?: string;
  readonly usernsMode?: string;
  readonly cgroupParent?: string;
  readonly runtime?: string;
}

/** A network to create. */
export interface NetworkSpec {
  readonly name: string;
  readonly driver?: string;
  readonly driverOpts: Readonly<Record<string, string>>;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly enableIpv6?: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly ipam?: {
    readonly driver?: string;
    readonly options: Readonly<Record<string, string>>;
    readonly config: readonly { readonly subnet?: string; readonly ipRange?: string; readonly gateway?: string; readonly auxAddresses: Readonly<Record<string, string>> }[];
  };
}

/** A volume to create. */
export interface VolumeSpec {
  readonly name: string;
  readonly driver?: string;
  readonly driverOpts: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

/** An image build request; the context is streamed as a tar archive. */
export interface BuildSpec {
  /** Absolute context directory. */
  readonly context: string;
  /** Relative to the context. */
  readonly dockerfile: string;
  /** Inline Dockerfile text, written into the tar stream instead of `dockerfile`. */
  readonly dockerfileInline?: string;
  readonly tags: readonly string[];
  readonly args: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly noCache: boolean;
  readonly pull: boolean;
  readonly network?: string;
  readonly extraHosts: readonly string[];
  readonly cacheFrom: readonly string[];
  readonly shmSizeBytes?: number;
  readonly platform?: string;
}

/** One line of progress from a pull or a build. */
export interface ProgressLine {
  readonly text: string;
}

/** One chunk of container output. */
export interface LogChunk {
  readonly stream: "stdout" | "stderr";
  readonly text: string;
}

/** What `ping` learns about the engine. */
export interface EngineInfo {
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly architecture: string;
  /** `true` when the engine is a Swarm manager. */
  readonly swarm: boolean;
}

/** Label filter: every key must be present with that value (`undefined`: present with any value). */
export type LabelFilter = Readonly<Record<string, string | undefined>>;

/** Options for reading a container's output. */
export interface LogOptions {
  readonly follow: boolean;
  /** Number of lines from the end; absent: all. */
  readonly tail?: number;
  /** Unix seconds. */
  readonly since?: number;
  /** Unix seconds: only output written before then. */
  readonly until?: number;
  readonly timestamps: boolean;
  readonly signal?: AbortSignal;
}

/** One device request of a HostConfig: a count (-1: all) or IDs of a driver's devices with all of `capabilities`. */
export interface DeviceRequestSpec {
  readonly driver: string;
  readonly count: number;
  readonly deviceIds: readonly string[];
  readonly capabilities: readonly string[];
  readonly options: Readonly<Record<string, string>>;
}
