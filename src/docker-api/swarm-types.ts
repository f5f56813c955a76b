/**
 * The Swarm objects of the Docker Engine API (v1.41), as tsd writes and
 * reads them: service specs (what the Swarm target's conversion produces
 * and the adapter sends verbatim), and the observed services, tasks, nodes,
 * networks, secrets and configs. Field names are the API's own (PascalCase),
 * so a spec here is exactly the request body and a test can compare it with
 * what docker/cli sends. Durations are nanoseconds, as in the API.
 */

/** `Labels` of any Swarm object. */
export type SwarmLabels = Readonly<Record<string, string>>;

/** `TaskTemplate.ContainerSpec.Mounts[]`. */
export interface SwarmMount {
  readonly Type: "bind" | "volume" | "tmpfs";
  readonly Source?: string;
  readonly Target: string;
  readonly ReadOnly?: boolean;
  readonly BindOptions?: { readonly Propagation?: string; readonly CreateMountpoint?: boolean };
  readonly VolumeOptions?: {
    readonly NoCopy?: boolean;
    readonly Labels?: SwarmLabels;
    readonly Subpath?: string;
    readonly DriverConfig?: { readonly Name?: string; readonly Options?: SwarmLabels };
  };
  readonly TmpfsOptions?: { readonly SizeBytes?: number; readonly Mode?: number };
}

/** A secret or config granted to a task: where it lands in the container. */
export interface SwarmFileGrant {
  readonly File: { readonly Name: string; readonly UID: string; readonly GID: string; readonly Mode: number };
}

/** `ContainerSpec.Secrets[]`. */
export interface SwarmSecretReference extends SwarmFileGrant {
  readonly SecretID: string;
  readonly SecretName: string;
}

/** `ContainerSpec.Configs[]`. */
export interface SwarmConfigReference extends SwarmFileGrant {
  readonly ConfigID: string;
  readonly ConfigName: string;
}

/** `ContainerSpec.HealthCheck`. */
export interface SwarmHealthCheck {
  readonly Test?: readonly string[];
  readonly Interval?: number;
  readonly Timeout?: number;
  readonly Retries?: number;
  readonly StartPeriod?: number;
}

/** `TaskTemplate.ContainerSpec`. */
export interface SwarmContainerSpec {
  readonly Image: string;
  readonly Labels?: SwarmLabels;
  /** The entrypoint (docker/cli's naming: Command replaces ENTRYPOINT, Args replaces CMD). */
  readonly Command?: readonly string[];
  readonly Args?: readonly string[];
  readonly Hostname?: string;
  readonly Env?: readonly string[];
  readonly Dir?: string;
  readonly User?: string;
  readonly Groups?: readonly string[];
  readonly TTY?: boolean;
  readonly OpenStdin?: boolean;
  readonly ReadOnly?: boolean;
  readonly Mounts?: readonly SwarmMount[];
  readonly StopSignal?: string;
  readonly StopGracePeriod?: number;
  readonly HealthCheck?: SwarmHealthCheck;
  /** `IP hostname` lines, docker/cli's order. */
  readonly Hosts?: readonly string[];
  readonly DNSConfig?: { readonly Nameservers?: readonly string[]; readonly Search?: readonly string[]; readonly Options?: readonly string[] };
  readonly Secrets?: readonly SwarmSecretReference[];
  readonly Configs?: readonly SwarmConfigReference[];
  readonly Init?: boolean;
  readonly Sysctls?: SwarmLabels;
  readonly CapabilityAdd?: readonly string[];
  readonly CapabilityDrop?: readonly string[];
  readonly Ulimits?: readonly { readonly Name: string; readonly Soft: number; readonly Hard: number }[];
}

/** `Resources.Limits` / `Resources.Reservations`. */
export interface SwarmResourceAmounts {
  readonly NanoCPUs?: number;
  readonly MemoryBytes?: number;
  readonly Pids?: number;
  readonly GenericResources?: readonly unknown[];
}

/** `TaskTemplate.RestartPolicy`. */
export interface SwarmRestartPolicy {
  readonly Condition: "none" | "on-failure" | "any";
  readonly Delay?: number;
  readonly MaxAttempts?: number;
  readonly Window?: number;
}

/** `TaskTemplate.Placement`. */
export interface SwarmPlacement {
  readonly Constraints?: readonly string[];
  readonly Preferences?: readonly { readonly Spread: { readonly SpreadDescriptor: string } }[];
  readonly MaxReplicas?: number;
}

/** `TaskTemplate`. */
export interface SwarmTaskTemplate {
  readonly ContainerSpec: SwarmContainerSpec;
  readonly Resources?: { readonly Limits?: SwarmResourceAmounts; readonly Reservations?: SwarmResourceAmounts };
  readonly RestartPolicy?: SwarmRestartPolicy;
  readonly Placement?: SwarmPlacement;
  readonly Networks?: readonly { readonly Target: string; readonly Aliases?: readonly string[] }[];
  readonly LogDriver?: { readonly Name: string; readonly Options?: SwarmLabels };
  /** Bumped to redeploy without a change; tsd carries the server's value over on every update. */
  readonly ForceUpdate?: number;
}

/** `Mode`: exactly one key. */
export type SwarmServiceMode =
  | { readonly Replicated: { readonly Replicas: number } }
  | { readonly Global: Readonly<Record<string, never>> }
  | { readonly ReplicatedJob: { readonly MaxConcurrent: number; readonly TotalCompletions: number } }
  | { readonly GlobalJob: Readonly<Record<string, never>> };

/** `UpdateConfig` / `RollbackConfig`. */
export interface SwarmUpdateConfig {
  readonly Parallelism: number;
  readonly Delay?: number;
  readonly FailureAction?: "continue" | "pause" | "rollback";
  readonly Monitor?: number;
  readonly MaxFailureRatio?: number;
  readonly Order?: "stop-first" | "start-first";
}

/** `EndpointSpec.Ports[]`. */
export interface SwarmPortConfig {
  readonly Name?: string;
  readonly Protocol: "tcp" | "udp" | "sctp";
  readonly TargetPort: number;
  readonly PublishedPort?: number;
  readonly PublishMode: "ingress" | "host";
}

/** A service spec: the body of `POST /services/create` and `/services/{id}/update`. */
export interface SwarmServiceSpec {
  readonly Name: string;
  readonly Labels: SwarmLabels;
  readonly TaskTemplate: SwarmTaskTemplate;
  readonly Mode: SwarmServiceMode;
  readonly UpdateConfig?: SwarmUpdateConfig;
  readonly RollbackConfig?: SwarmUpdateConfig;
  readonly EndpointSpec?: { readonly Mode: "vip" | "dnsrr"; readonly Ports?: readonly SwarmPortConfig[] };
}

/** `UpdateStatus.State`. */
export type SwarmUpdateState = "updating" | "paused" | "completed" | "rollback_started" | "rollback_paused" | "rollback_completed";

/** A service as the manager reports it. */
export interface ObservedService {
  readonly id: string;
  readonly version: number;
  readonly spec: SwarmServiceSpec;
  readonly previousSpec?: SwarmServiceSpec;
  readonly updateStatus?: { readonly state: SwarmUpdateState; readonly message: string };
  /** From `?status=true`: tasks running and wanted (jobs: completed too). */
  readonly status?: { readonly running: number; readonly desired: number; readonly completed: number };
  readonly createdAt: string;
}

/** A task's state, the API's words. */
export type SwarmTaskState =
  | "new"
  | "allocated"
  | "pending"
  | "assigned"
  | "accepted"
  | "preparing"
  | "ready"
  | "starting"
  | "running"
  | "complete"
  | "shutdown"
  | "failed"
  | "rejected"
  | "remove"
  | "orphaned";

/** A task (one container of a service, on one node). */
export interface ObservedTask {
  readonly id: string;
  readonly serviceId: string;
  /** Replicated services; absent for global ones. */
  readonly slot?: number;
  readonly nodeId: string;
  readonly desiredState: SwarmTaskState;
  readonly state: SwarmTaskState;
  readonly message: string;
  readonly error: string;
  readonly exitCode?: number;
  readonly containerId?: string;
  /** The task's container labels (tsd's config hash among them): which spec it runs. */
  readonly containerLabels: SwarmLabels;
  readonly image: string;
  readonly updatedAt: string;
}

/** A swarm node. */
export interface ObservedNode {
  readonly id: string;
  readonly hostname: string;
  readonly role: "manager" | "worker";
  readonly state: string;
  readonly availability: string;
}

/** A network, a secret or a config, as far as tsd reads it. */
export interface ObservedSwarmObject {
  readonly id: string;
  readonly name: string;
  readonly labels: SwarmLabels;
}

/** An overlay network to create. */
export interface OverlayNetworkSpec {
  readonly Name: string;
  readonly Driver: string;
  readonly Attachable: boolean;
  readonly Internal: boolean;
  readonly Labels: SwarmLabels;
  readonly Options?: SwarmLabels;
  readonly EnableIPv6?: boolean;
  readonly IPAM?: {
    readonly Driver?: string;
    readonly Options?: SwarmLabels;
    readonly Config?: readonly { readonly Subnet?: string; readonly IPRange?: string; readonly Gateway?: string; readonly AuxiliaryAddresses?: SwarmLabels }[];
  };
}

/** A secret or config to create: its content base64-encoded, as the API takes it. */
export interface SwarmFileObjectSpec {
  readonly Name: string;
  readonly Labels: SwarmLabels;
  readonly Data: string;
  readonly Driver?: { readonly Name: string; readonly Options?: SwarmLabels };
  readonly Templating?: { readonly Name: string };
}

/** What `GET /info` says of this engine's part in a swarm. */
export interface SwarmMembership {
  /** `inactive`, `pending`, `active`, `error`, `locked`. */
  readonly localNodeState: string;
  /** True on a manager. */
  readonly controlAvailable: boolean;
  readonly nodeId: string;
  readonly endpoint: string;
}

/** One chunk of service output, with the task it came from. */
export interface ServiceLogChunk {
  readonly stream: "stdout" | "stderr";
  readonly taskId: string;
  readonly nodeId: string;
  readonly text: string;
}
