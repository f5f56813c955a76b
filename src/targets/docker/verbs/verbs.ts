/**
 * The verbs only a container target has (`tsd stop`, `exec`, `cp`, `stats`,
 * `build`, …), bound to one engine and one event sink: each reports what it
 * does as events (`Container web-1  Stopped` is a container event, a build's
 * output an image event) and returns what the caller prints. The use cases
 * in app/ reach them through the Docker target; nothing here prints.
 */
import type { Clock } from "../../../base/clock.js";
import { serviceOf } from "../../../base/labels.js";
import { credentialsLookup } from "../../../docker-api/credentials.js";
import type { Engine } from "../../../docker-api/engine.js";
import type { AttachedStreams, CommitSpec } from "../../../docker-api/operations/inside.js";
import type { ContainerProcesses } from "../../../docker-api/operations/monitoring.js";
import type { ContainerUpdate, ObservedContainer } from "../../../docker-api/types.js";
import type { EventSink } from "../../../events/stack-event.js";
import type { Project } from "../../../project/project.js";
import { servicesInOrder } from "../../../project/services.js";
import { type DevelopWatch, type DevelopWatchOptions, startDevelopWatch } from "../develop/index.js";
import { type BuildOptions, buildServices, serviceBuildSpec } from "../images/build.js";
import { type PullOptions, pullServices } from "../images/pull.js";
import { type PushServicesOptions, pushServices } from "../images/push.js";
import { commitService } from "./commit.js";
import { containerUsage } from "./container-usage.js";
import { containersByService } from "./containers.js";
import { copyFiles, type CopyOptions } from "./cp.js";
import type { CopyRequest } from "./cp-paths.js";
import { type ExecRequest, execInService } from "./exec.js";
import { exportService } from "./export.js";
import { type OnContainerProgress, pauseServices, type RemoveOptions, type RemoveOutcome, removeServices, startServices, stopServices, killServices, waitForServices } from "./lifecycle.js";
import { restartServices } from "./lifecycle-restart.js";
import { projectEvents } from "./project-events.js";
import { type ContainerImage, projectImages } from "./project-images.js";
import { type ImageHistory, imageHistory } from "./image-history.js";
import { type PortProtocol, servicePort } from "./published-port.js";
import { type InterruptSource, type PreparedRun, prepareOneOff, type RunOutcome, type RunRequest, startOneOff } from "./run.js";
import type { RunContext } from "./run-spec.js";
import { inspectService, type ServiceInspection } from "./service-inspection.js";
import { updateServices } from "./update.js";
import { type ContainerStatsRow, followStats, type OnStatsSample } from "./follow-stats.js";

export type { CommitSpec, ExecSpec } from "../../../docker-api/operations/inside.js";
export type { ObservedMount } from "../../../docker-api/types.js";

/** The processes of one running container. */
export interface ContainerTop extends ContainerProcesses {
  readonly name: string;
  readonly service: string;
}

export type { ContainerStatsRow } from "./follow-stats.js";

/** The container verbs of one Docker Engine. */
export class DockerVerbs {
  private readonly onProgress: OnContainerProgress;

  constructor(
    private readonly engine: Engine,
    private readonly emit: EventSink,
    private readonly clock: Clock,
  ) {
    this.onProgress = (progress) => this.emit({ type: "container", ...progress, at: this.clock.now() });
  }

  private warn(message: string): void {
    this.emit({ type: "warning", message, at: this.clock.now() });
  }

  /** `tsd start`: stopped containers, dependencies first, each once its `depends_on` conditions hold. */
  start(project: Project, services: readonly string[], options: { readonly waitTimeoutMs: number; readonly signal?: AbortSignal }): Promise<void> {
    return startServices({ project, engine: this.engine }, services, { ...options, onProgress: this.onProgress, onWarning: (message) => this.warn(message) });
  }

  /** `tsd stop`, dependents first. */
  stop(project: Project, services: readonly string[], options: { readonly timeoutSeconds?: number }): Promise<void> {
    return stopServices({ project, engine: this.engine }, services, { ...options, onProgress: this.onProgress });
  }

  /** `tsd restart`, then the `restart: true` dependents. */
  restart(project: Project, services: readonly string[], options: { readonly timeoutSeconds?: number; readonly waitTimeoutMs: number; readonly signal?: AbortSignal }): Promise<void> {
    return restartServices({ project, engine: this.engine }, services, { ...options, onProgress: this.onProgress, onWarning: (message) => this.warn(message) });
  }

  /** `tsd kill -s SIGNAL`. */
  kill(project: Project, services: readonly string[], signal: string): Promise<void> {
    return killServices({ project, engine: this.engine }, services, { signal, onProgress: this.onProgress });
  }

  /** `tsd pause` / `tsd unpause`. */
  pause(project: Project, services: readonly string[], change: "pause" | "unpause"): Promise<void> {
    return pauseServices({ project, engine: this.engine }, services, change, this.onProgress);
  }

  /** `tsd update`: restart policy and limits changed in place, once (the file is not changed). */
  update(project: Project, services: readonly string[], update: ContainerUpdate): Promise<void> {
    return updateServices(this.engine, project, services, update, this.onProgress);
  }

  /** `tsd rm`. */
  remove(project: Project, services: readonly string[], options: Omit<RemoveOptions, "onProgress">): Promise<RemoveOutcome> {
    return removeServices({ project, engine: this.engine }, services, { ...options, onProgress: this.onProgress });
  }

  /** `tsd wait`: the exit code of the container that stopped first. */
  wait(project: Project, services: readonly string[], onExit: (container: ObservedContainer, exitCode: number) => void): Promise<number> {
    return waitForServices({ project, engine: this.engine }, services, onExit);
  }

  /** `tsd exec`: the command's exit code. */
  exec(project: Project, request: ExecRequest, streams: AttachedStreams): Promise<number> {
    return execInService(this.engine, project, request, streams);
  }

  /** `tsd cp`: the summary line. */
  copy(project: Project, request: CopyRequest, options: CopyOptions): Promise<string> {
    return copyFiles(this.engine, project, request, options);
  }

  /** `tsd export`. */
  exportFilesystem(project: Project, service: string, index: number, output: string | NodeJS.WritableStream): Promise<void> {
    return exportService(this.engine, project, service, index, output);
  }

  /** `tsd commit`: the new image's ID. */
  commit(project: Project, service: string, index: number, spec: CommitSpec): Promise<string> {
    return commitService(this.engine, project, service, index, spec);
  }

  /** `tsd run`, part one: the spec and the resources it needs. */
  prepareRun(project: Project, request: RunRequest, context: RunContext): Promise<PreparedRun> {
    return prepareOneOff(this.engine, project, request, context);
  }

  /** `tsd run`, part two: create and start it. */
  startRun(prepared: PreparedRun, request: RunRequest, streams: () => AttachedStreams, interrupts: InterruptSource): Promise<RunOutcome> {
    return startOneOff(this.engine, prepared, request, streams, interrupts);
  }

  /** `tsd top`: every running (or paused) container's processes, by name. */
  async top(project: Project, services: readonly string[]): Promise<ContainerTop[]> {
    const running = await this.running(project, services);
    return Promise.all(running.map(async (container) => ({ name: container.name, service: serviceOf(container), ...(await this.engine.topContainer(container.id)) })));
  }

  /** `tsd stats --no-stream`: one sample per running container. */
  async stats(project: Project, services: readonly string[]): Promise<ContainerStatsRow[]> {
    const running = await this.running(project, services);
    return Promise.all(running.map(async (container) => ({ id: container.id, name: container.name, ...containerUsage(await this.engine.containerStats(container.id)) })));
  }

  /** `tsd stats`: the running containers and those that start later, each sample as it comes, until the signal aborts; `undefined` when a container stopped. */
  async streamStats(project: Project, services: readonly string[], signal: AbortSignal, onSample: OnStatsSample): Promise<readonly ObservedContainer[]> {
    const running = await this.running(project, services);
    await followStats(this.engine, project, servicesInOrder(project, services, "dependencies-first"), running, signal, onSample);
    return running;
  }

  /** `tsd events`: the project's container events from `since` (Unix seconds), as events, until the signal aborts. */
  async followEvents(project: Project, services: readonly string[], since: number, signal: AbortSignal): Promise<void> {
    for await (const event of projectEvents(this.engine, project, services, since, signal)) {
      const { type, ...rest } = event;
      this.emit({ type: "engine-event", objectType: type, ...rest, at: this.clock.now() });
    }
  }

  /** `tsd port`: the host address. */
  port(project: Project, service: string, privatePort: number, protocol: PortProtocol, index: number): Promise<string> {
    return servicePort(this.engine, project, service, privatePort, protocol, index);
  }

  /** `tsd images`. */
  images(project: Project, services: readonly string[]): Promise<ContainerImage[]> {
    return projectImages(this.engine, project, services);
  }

  /** `tsd history`: the steps of the image a service runs, or of an image reference. */
  history(project: Project, subject: string): Promise<ImageHistory> {
    return imageHistory(this.engine, project, subject);
  }

  /** `tsd inspect`. */
  inspect(project: Project, service: string, index: number | undefined): Promise<ServiceInspection> {
    return inspectService(this.engine, project, service, index);
  }

  /** `tsd build`. */
  build(project: Project, options: Omit<BuildOptions, "onEvent">): Promise<void> {
    return buildServices({ project, engine: this.engine }, { ...options, onEvent: (report) => this.emit({ type: "image", ...report, at: this.clock.now() }) });
  }

  /** Builds one service's image as `up` tags it, silently (the watch loop's rebuild); nothing for a service without a build. */
  async buildImageOf(project: Project, service: string): Promise<void> {
    if (!project.stack.services[service]?.build) return;
    await this.engine.buildImage(serviceBuildSpec({ project, engine: this.engine }, service, { noCache: false, pull: false, buildArgs: {} }));
  }

  /** `tsd pull`, with the credentials of `docker login` unless others are given. */
  pull(project: Project, options: Omit<PullOptions, "onEvent" | "credentials"> & Partial<Pick<PullOptions, "credentials">>): Promise<void> {
    const credentials = options.credentials ?? credentialsLookup();
    return pullServices({ project, engine: this.engine }, { ...options, credentials, onEvent: (report) => this.emit({ type: "image", ...report, at: this.clock.now() }) });
  }

  /** `tsd push`, with the credentials of `docker login` unless others are given. */
  push(project: Project, options: Omit<PushServicesOptions, "onEvent" | "credentials"> & Partial<Pick<PushServicesOptions, "credentials">>): Promise<void> {
    const credentials = options.credentials ?? credentialsLookup();
    return pushServices({ project, engine: this.engine }, { ...options, credentials, onEvent: (report) => this.emit({ type: "image", ...report, at: this.clock.now() }) });
  }

  /** `develop.watch`: syncs, execs and restarts, reported as watch events. */
  developWatch(project: Project, options: Omit<DevelopWatchOptions, "report">): Promise<DevelopWatch> {
    return startDevelopWatch(this.engine, project, { ...options, report: (decision) => this.emit({ type: "watch", ...decision, at: this.clock.now() }) });
  }

  /** Running (and paused) containers of the services, by name. */
  private async running(project: Project, services: readonly string[]): Promise<ObservedContainer[]> {
    const groups = await containersByService(this.engine, project, servicesInOrder(project, services, "dependencies-first"));
    return groups
      .flatMap((group) => group.containers)
      .filter((container) => container.state === "running" || container.state === "paused")
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
