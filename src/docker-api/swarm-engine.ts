/**
 * The one interface between the Swarm target and a swarm manager. Each
 * method is one Engine API call, so a plan maps one node to one method and a
 * counting engine (test/unit/support/memory-swarm.ts) proves "no call at
 * all" or "exactly one update". The dockerode adapter
 * (dockerode/swarm-engine.ts) implements it.
 */
import type { LabelFilter, LogOptions } from "./types.js";
import type {
  ObservedNode,
  ObservedService,
  ObservedSwarmObject,
  ObservedTask,
  OverlayNetworkSpec,
  ServiceLogChunk,
  SwarmFileObjectSpec,
  SwarmMembership,
  SwarmServiceSpec,
} from "./swarm-types.js";

/** Which kind of file object: Swarm keeps secrets and configs in two stores with the same shape. */
export type FileObjectKind = "secret" | "config";

/** A swarm manager's API. */
export interface SwarmEngine {
  /** `GET /info`: is this engine a manager of an active swarm. Fails with EngineUnavailableError when nothing answers. */
  membership(): Promise<SwarmMembership>;

  /** Services with these labels, with their running/desired counts. */
  listServices(labels: LabelFilter): Promise<ObservedService[]>;
  inspectService(id: string): Promise<ObservedService | undefined>;
  /** Returns the new service's ID. */
  createService(spec: SwarmServiceSpec): Promise<string>;
  /** `POST /services/{id}/update?version=N`, the spec in the body only. */
  updateService(id: string, version: number, spec: SwarmServiceSpec): Promise<void>;
  /** Absent already: done. */
  removeService(id: string): Promise<void>;

  /** Tasks of these services (IDs), in every state Swarm still keeps; absent: every task of the swarm. */
  listTasks(serviceIds?: readonly string[]): Promise<ObservedTask[]>;
  listNodes(): Promise<ObservedNode[]>;

  listNetworks(labels: LabelFilter): Promise<ObservedSwarmObject[]>;
  createNetwork(spec: OverlayNetworkSpec): Promise<string>;
  removeNetwork(idOrName: string): Promise<void>;

  listFileObjects(kind: FileObjectKind, labels: LabelFilter): Promise<ObservedSwarmObject[]>;
  /** Returns the new object's ID. */
  createFileObject(kind: FileObjectKind, spec: SwarmFileObjectSpec): Promise<string>;
  removeFileObject(kind: FileObjectKind, id: string): Promise<void>;

  /** A service's output, each chunk with its task and node. */
  serviceLogs(serviceId: string, options: LogOptions): AsyncIterable<ServiceLogChunk>;
}
