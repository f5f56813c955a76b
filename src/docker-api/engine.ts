/**
 * The one interface between tsd and a container engine. The reconciler,
 * the runtime and the CLI's verbs only ever talk to this; the Docker Engine
 * adapter (src/engine/docker/) and the in-memory engine used by planner tests
 * implement it.
 *
 * Methods are single engine calls (or a tight sequence the engine treats as
 * one, such as inspect-after-list), so the executor's plan maps one node to
 * one method and a counting engine can prove "no engine call at all".
 */
import type {
  BuildSpec,
  ContainerSpec,
  EngineInfo,
  LogChunk,
  NetworkAttachmentSpec,
  NetworkSpec,
  ObservedContainer,
  ObservedImage,
  ObservedNetwork,
  ObservedVolume,
  ProgressLine,
  LabelFilter,
  LogOptions,
  VolumeSpec,
} from "./types.js";

export type { LabelFilter, LogOptions } from "./types.js";
import type { ImageOperations, RegistryAuth } from "./operations/images.js";
import type { InsideOperations } from "./operations/inside.js";
import type { LifecycleOperations } from "./operations/lifecycle.js";
import type { MonitoringOperations } from "./operations/monitoring.js";
import type { ObjectOperations } from "./operations/objects.js";

/**
 * A container engine: what the reconciler needs (below), plus the calls of
 * the operate verbs, grouped by area in src/engine/operations/.
 */
export interface Engine extends LifecycleOperations, MonitoringOperations, InsideOperations, ImageOperations, ObjectOperations {
  /** Fails with EngineUnavailableError when nothing answers. */
  ping(): Promise<EngineInfo>;

  /**
   * Every container (running or not) matching the labels, from one list
   * request: no restart count or start times (inspect a container for those).
   */
  listContainers(labels: LabelFilter): Promise<ObservedContainer[]>;
  inspectContainer(idOrName: string): Promise<ObservedContainer | undefined>;
  /** Creates (does not start) a container and joins its extra networks; returns its ID. */
  createContainer(spec: ContainerSpec): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** Stops with the container's stop signal, then SIGKILL after `timeoutSeconds` (absent: the container's own stop timeout). */
  stopContainer(id: string, timeoutSeconds?: number): Promise<void>;
  killContainer(id: string, signal: string): Promise<void>;
  /** `removeVolumes`: also its anonymous volumes. */
  removeContainer(id: string, options: { readonly force: boolean; readonly removeVolumes: boolean }): Promise<void>;
  renameContainer(id: string, name: string): Promise<void>;
  /** Waits until the container is not running and returns its exit code. */
  waitContainer(id: string, signal?: AbortSignal): Promise<number>;
  connectNetwork(containerId: string, attachment: NetworkAttachmentSpec): Promise<void>;
  logs(id: string, options: LogOptions): AsyncIterable<LogChunk>;

  listNetworks(labels: LabelFilter): Promise<ObservedNetwork[]>;
  inspectNetwork(name: string): Promise<ObservedNetwork | undefined>;
  createNetwork(spec: NetworkSpec): Promise<void>;
  removeNetwork(name: string): Promise<void>;

  listVolumes(labels: LabelFilter): Promise<ObservedVolume[]>;
  inspectVolume(name: string): Promise<ObservedVolume | undefined>;
  createVolume(spec: VolumeSpec): Promise<void>;
  removeVolume(name: string): Promise<void>;

  /** The image a reference names locally, if present. */
  inspectImage(reference: string): Promise<ObservedImage | undefined>;
  /** `auth`: credentials for the image's registry (absent: anonymous); a refusal for want of them is a RegistryAuthError. */
  pullImage(reference: string, onProgress?: (line: ProgressLine) => void, auth?: RegistryAuth): Promise<void>;
  buildImage(spec: BuildSpec, onProgress?: (line: ProgressLine) => void): Promise<void>;
  removeImage(reference: string): Promise<void>;
}
