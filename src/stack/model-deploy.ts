/**
 * A service's `deploy` section in the canonical stack: what Swarm turns into
 * a service spec. Re-exported by model.ts.
 *
 * Unlike the rest of the model, every field here is present exactly when it
 * was written, and absent otherwise, with no default filled in: Swarm's
 * defaults depend on whether a value was given at all (an unset
 * `parallelism` means 1, a written 0 means all tasks at once), and a single
 * engine warns about exactly the settings that were written. Durations are
 * in milliseconds and sizes in bytes, as everywhere in the model.
 *
 * The settings a single engine also reads (replicas, resources, the restart
 * condition) are merged into `Service.replicas`, `Service.resources` and
 * `Service.restart`; what is here is the written `deploy` alone.
 */

/** A written `deploy` section. */
export interface Deploy {
  /** How Swarm schedules the tasks: a fixed count (`replicated`), one per node (`global`), or either, run to completion (`-job`). */
  readonly mode?: DeployMode;
  /** `deploy.replicas` as written; `Service.replicas` is the effective count (`scale` or this, default 1). */
  readonly replicas?: number;
  /** Labels of the Swarm service (not of its containers); keys written without a value have `""`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** How clients reach the service: a virtual IP (`vip`) or DNS round robin over the tasks (`dnsrr`). */
  readonly endpointMode?: EndpointMode;
  /** Which nodes may run the tasks. */
  readonly placement?: Placement;
  /** How a changed service is rolled out. */
  readonly updateConfig?: UpdateConfig;
  /** How a failed update is rolled back. */
  readonly rollbackConfig?: UpdateConfig;
  /** When Swarm restarts a task. */
  readonly restartPolicy?: DeployRestartPolicy;
  /** `deploy.resources` as written (the service-level keys are not merged in). */
  readonly resources?: DeployResources;
}

/** `deploy.mode`. */
export type DeployMode = "replicated" | "global" | "replicated-job" | "global-job";

/** `deploy.endpoint_mode`. */
export type EndpointMode = "vip" | "dnsrr";

/** `deploy.placement`. */
export interface Placement {
  /** Node constraints as written, e.g. `node.role==manager`. */
  readonly constraints?: readonly string[];
  /** Spread the tasks evenly over the values of these node attributes, in order. */
  readonly preferences?: readonly PlacementPreference[];
  /** At most this many tasks on one node. */
  readonly maxReplicasPerNode?: number;
}

/** One `deploy.placement.preferences` entry. */
export interface PlacementPreference {
  /** The node attribute to spread over, e.g. `node.labels.zone`. */
  readonly spread: string;
}

/** What Swarm does when an updated task fails. */
export type FailureAction = "continue" | "rollback" | "pause";

/** Whether a new task starts before the old one stops, or after. */
export type UpdateOrder = "start-first" | "stop-first";

/** `deploy.update_config` or `deploy.rollback_config`. */
export interface UpdateConfig {
  /** Tasks changed at a time; 0: all at once. */
  readonly parallelism?: number;
  /** Milliseconds between two batches. */
  readonly delayMs?: number;
  /** What to do when a task fails to update. */
  readonly failureAction?: FailureAction;
  /** Milliseconds a task is watched for failure after it was changed. */
  readonly monitorMs?: number;
  /** The share of tasks (0 to 1) that may fail before `failureAction` applies. */
  readonly maxFailureRatio?: number;
  /** Start the new task first, or stop the old one first. */
  readonly order?: UpdateOrder;
}

/** When a task is restarted. */
export type RestartCondition = "none" | "on-failure" | "any";

/** `deploy.restart_policy`. */
export interface DeployRestartPolicy {
  /** Restart never, after a non-zero exit, or always. */
  readonly condition?: RestartCondition;
  /** Milliseconds between two restart attempts. */
  readonly delayMs?: number;
  /** Restart attempts before giving up; absent: no limit. */
  readonly maxAttempts?: number;
  /** Milliseconds after a restart before it counts as successful. */
  readonly windowMs?: number;
}

/** `deploy.resources`. */
export interface DeployResources {
  /** What a task may use at most. */
  readonly limits?: ResourceLimits;
  /** What the scheduler keeps free for a task. */
  readonly reservations?: ResourceReservations;
}

/** `deploy.resources.limits`. */
export interface ResourceLimits {
  /** Fractional CPUs, e.g. 0.5. */
  readonly cpus?: number;
  /** Bytes. */
  readonly memoryBytes?: number;
  /** Processes; -1: no limit. */
  readonly pids?: number;
}

/** `deploy.resources.reservations`. */
export interface ResourceReservations {
  /** Fractional CPUs, e.g. 0.25. */
  readonly cpus?: number;
  /** Bytes. */
  readonly memoryBytes?: number;
  /**
   * `generic_resources` exactly as written (e.g. `{discrete_resource_spec:
   * {kind: gpu, value: 2}}`): only Swarm's scheduler reads them, against
   * resources its nodes advertise, so tsd does not interpret them.
   */
  readonly genericResources?: readonly unknown[];
}
