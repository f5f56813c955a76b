/**
 * Engine operations of the monitoring verbs: `tsd top`, `tsd stats`,
 * `tsd events`, `tsd port`, `tsd images`, `tsd inspect`. (`tsd logs` uses the
 * reconciler's `logs`; `tsd port` reads the list answer's ports.)
 */
import type { LabelFilter, ObservedContainer } from "../types.js";

/** The processes of one container, as the engine's `top` reports them (`ps -ef` columns by default). */
export interface ContainerProcesses {
  /** Column titles: `UID`, `PID`, `PPID`, `C`, `STIME`, `TTY`, `TIME`, `CMD`. */
  readonly titles: readonly string[];
  /** One row per process, a cell per title. */
  readonly processes: readonly (readonly string[])[];
}

/** One CPU reading of a stats sample: cumulative nanoseconds. */
export interface CpuReading {
  /** CPU time the container used. */
  readonly totalUsage: number;
  /** CPU time of the whole host (0 when the engine had no earlier reading). */
  readonly systemUsage: number;
  /** CPUs online; 0 when the engine did not say (then count `perCpuUsageCount`). */
  readonly onlineCpus: number;
  readonly perCpuUsageCount: number;
}

/**
 * One stats sample of a container, with the engine's previous CPU reading
 * (`precpu_stats`) so the CPU share can be computed from one answer, as
 * `docker stats` does.
 */
export interface ContainerStatsSample {
  /** ISO time of the reading. */
  readonly readAt: string;
  readonly cpu: CpuReading;
  readonly previousCpu: CpuReading;
  readonly memory: {
    readonly usageBytes: number;
    readonly limitBytes: number;
    /** The cgroup's memory counters (`total_inactive_file` on cgroup v1, `inactive_file` on v2, …). */
    readonly counters: Readonly<Record<string, number>>;
  };
  /** Bytes received and sent, per interface. */
  readonly networks: Readonly<Record<string, { readonly rxBytes: number; readonly txBytes: number }>>;
  /** `io_service_bytes_recursive` entries: operation (`Read`, `Write`, `read`, …) and bytes. */
  readonly blockIo: readonly { readonly op: string; readonly bytes: number }[];
  readonly pids: number;
}

/** One engine event. */
export interface EngineEvent {
  /** RFC 3339 time with the engine's nanoseconds. */
  readonly time: string;
  /** `container`, `network`, `image`, … */
  readonly type: string;
  /** `create`, `start`, `die`, `health_status: healthy`, `exec_start: sh -c …`, … */
  readonly action: string;
  /** ID of the object the event is about. */
  readonly actorId: string;
  /** The object's attributes: for containers its labels, `name`, `image`, `exitCode`, … */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Which events to receive: container events whose labels match. */
export interface EventFilter {
  readonly labels: LabelFilter;
  /** Unix seconds: also replay the engine's recent events since then, so nothing between asking and listening is lost. */
  readonly since?: number;
}

/** One run of a health check. */
export interface HealthProbe {
  readonly start: string;
  readonly end: string;
  readonly exitCode: number;
  readonly output: string;
}

/** A container, inspected in full: what `tsd inspect` shows beyond the observer's view. */
export interface ContainerDetails {
  readonly container: ObservedContainer;
  readonly createdAt: string;
  /** Entrypoint and command together, as the engine runs them. */
  readonly path: string;
  readonly args: readonly string[];
  readonly oomKilled: boolean;
  /** The engine's error for a container that failed to start; empty otherwise. */
  readonly error: string;
  /** The engine keeps the last five probes, oldest first. Empty without a health check. */
  readonly healthLog: readonly HealthProbe[];
  readonly failingStreak: number;
}

/** An image's identity and size, for `tsd images`. */
export interface ImageDetails {
  readonly id: string;
  readonly repoTags: readonly string[];
  /** `repository@sha256:…` references it is known by. */
  readonly repoDigests: readonly string[];
  readonly sizeBytes: number;
  readonly createdAt: string;
}

/** One entry of an image's history (`docker history`): a layer, or a step that made no layer (size 0). */
export interface ImageLayer {
  /** `sha256:…` of the image this step made, or `<missing>` for steps of a pulled or imported base. */
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
  /** The build step: `/bin/sh -c #(nop)  CMD ["sh"]`, `RUN …`. */
  readonly createdBy: string;
  readonly sizeBytes: number;
  readonly comment: string;
  /** Tags of the image this step made (the top entry's are the image's own). */
  readonly tags: readonly string[];
}

/** Reads about running containers and the engine's event stream. */
export interface MonitoringOperations {
  /** The container's processes (it must be running). `psArgs`: arguments to `ps` (default `-ef`). */
  topContainer(id: string, psArgs?: string): Promise<ContainerProcesses>;
  /**
   * One stats sample, taken as `docker stats --no-stream` takes it: the engine
   * waits for a second reading, so `previousCpu` is filled.
   */
  containerStats(id: string): Promise<ContainerStatsSample>;
  /** Stats samples about once a second until the container stops or the signal aborts. */
  streamContainerStats(id: string, signal: AbortSignal): AsyncIterable<ContainerStatsSample>;
  /** Container events matching the filter, from now on (or `since`), until the signal aborts. */
  events(filter: EventFilter, signal: AbortSignal): AsyncIterable<EngineEvent>;
  /** The container with its health log and start details; undefined when it does not exist. */
  inspectContainerDetails(idOrName: string): Promise<ContainerDetails | undefined>;
  /** An image's tags, digests and size; undefined when it is not present. */
  imageDetails(reference: string): Promise<ImageDetails | undefined>;
  /** `GET /images/{name}/history`: newest step first, as `docker history`; undefined when the image is not present. */
  imageHistory(reference: string): Promise<readonly ImageLayer[] | undefined>;
}
