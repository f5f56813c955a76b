/**
 * The Engine API's Swarm answers, mapped into tsd's shapes (swarm-types.ts)
 * at the edge: only what the Swarm target reads, with absent lists and
 * labels as empty ones.
 */
import type { ObservedNode, ObservedService, ObservedSwarmObject, ObservedTask, SwarmServiceSpec, SwarmTaskState, SwarmUpdateState } from "../swarm-types.js";

/** `GET /services` item, as far as read. */
export interface ApiService {
  readonly ID: string;
  readonly Version: { readonly Index: number };
  readonly CreatedAt: string;
  readonly Spec: SwarmServiceSpec;
  readonly PreviousSpec?: SwarmServiceSpec;
  readonly UpdateStatus?: { readonly State?: SwarmUpdateState; readonly Message?: string };
  readonly ServiceStatus?: { readonly RunningTasks?: number; readonly DesiredTasks?: number; readonly CompletedTasks?: number };
}

/** `GET /tasks` item, as far as read. */
export interface ApiTask {
  readonly ID: string;
  readonly ServiceID: string;
  readonly Slot?: number;
  readonly NodeID?: string;
  readonly DesiredState: SwarmTaskState;
  readonly UpdatedAt: string;
  readonly Spec?: { readonly ContainerSpec?: { readonly Image?: string; readonly Labels?: Record<string, string> | null } };
  readonly Status: {
    readonly State: SwarmTaskState;
    readonly Message?: string;
    readonly Err?: string;
    readonly ContainerStatus?: { readonly ContainerID?: string; readonly ExitCode?: number };
  };
}

/** `GET /nodes` item, as far as read. */
export interface ApiNode {
  readonly ID: string;
  readonly Description?: { readonly Hostname?: string };
  readonly Spec?: { readonly Role?: "manager" | "worker"; readonly Availability?: string };
  readonly Status?: { readonly State?: string };
}

/** `GET /secrets` or `/configs` item. */
export interface ApiObject {
  readonly ID: string;
  readonly Spec: { readonly Name: string; readonly Labels?: Record<string, string> | null };
}

/** A service, with its update state and task counts. */
export function observeService(service: ApiService): ObservedService {
  const status = service.ServiceStatus;
  return {
    id: service.ID,
    version: service.Version.Index,
    spec: service.Spec,
    createdAt: service.CreatedAt,
    ...(service.PreviousSpec ? { previousSpec: service.PreviousSpec } : {}),
    ...(service.UpdateStatus?.State ? { updateStatus: { state: service.UpdateStatus.State, message: service.UpdateStatus.Message ?? "" } } : {}),
    ...(status ? { status: { running: status.RunningTasks ?? 0, desired: status.DesiredTasks ?? 0, completed: status.CompletedTasks ?? 0 } } : {}),
  };
}

/** A task, with its container's labels (the config hash tsd reads). */
export function observeTask(task: ApiTask): ObservedTask {
  const container = task.Status.ContainerStatus;
  return {
    id: task.ID,
    serviceId: task.ServiceID,
    ...(task.Slot !== undefined && task.Slot > 0 ? { slot: task.Slot } : {}),
    nodeId: task.NodeID ?? "",
    desiredState: task.DesiredState,
    state: task.Status.State,
    message: task.Status.Message ?? "",
    error: task.Status.Err ?? "",
    ...(container?.ExitCode !== undefined ? { exitCode: container.ExitCode } : {}),
    ...(container?.ContainerID ? { containerId: container.ContainerID } : {}),
    containerLabels: task.Spec?.ContainerSpec?.Labels ?? {},
    image: task.Spec?.ContainerSpec?.Image ?? "",
    updatedAt: task.UpdatedAt,
  };
}

/** A node: hostname, role, state. */
export function observeNode(node: ApiNode): ObservedNode {
  return {
    id: node.ID,
    hostname: node.Description?.Hostname ?? node.ID,
    role: node.Spec?.Role ?? "worker",
    state: node.Status?.State ?? "unknown",
    availability: node.Spec?.Availability ?? "unknown",
  };
}

/** A secret or config: ID, name, labels. */
export function observeSwarmObject(object: ApiObject): ObservedSwarmObject {
  return { id: object.ID, name: object.Spec.Name, labels: object.Spec.Labels ?? {} };
}
