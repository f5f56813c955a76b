/**
 * The Engine interface on the Docker Engine API, through dockerode. Each
 * method is one engine call (createContainer: create, then connect its extra
 * networks); mapping to and from the engine's shapes lives in
 * container-body.ts and observe.ts, so this file reads as the list of calls.
 */
import type { IncomingMessage } from "node:http";
import { EngineError, NetworkInUseError } from "../../base/errors.js";
import type { Engine, LabelFilter, LogOptions } from "../engine.js";
import type { PushOptions, RegistryAuth } from "../operations/images.js";
import type { ContainerDetails, ContainerProcesses, ContainerStatsSample, EngineEvent, EventFilter, ImageDetails, ImageLayer } from "../operations/monitoring.js";
import type {
  BuildSpec,
  ContainerSpec,
  ContainerUpdate,
  EngineInfo,
  LogChunk,
  NetworkAttachmentSpec,
  NetworkSpec,
  ObservedContainer,
  ObservedImage,
  ObservedNetwork,
  ObservedVolume,
  ProgressLine,
  VolumeSpec,
} from "../types.js";
import { dial, EngineClient, labelFilters, sortedBy } from "./client.js";
import { missingCommand, nameConflict, portConflict } from "./conflicts.js";
import { createRequest, endpointBody, type DroppedField } from "./container-body.js";
import { toEngineError } from "./engine-errors.js";
import { buildImage, pullImage, pushImage } from "./images.js";
import type { AttachedStreams, CommitSpec, ContainerPathStat, ExecSpec } from "../operations/inside.js";
import { execAttached, execDetached, startAttached } from "./inside.js";
import { commitContainer, exportContainer, readContainerArchive, statContainerPath, writeContainerArchive, writeContainerFiles } from "./inside-archive.js";
import { pauseContainer, restartContainer, unpauseContainer, updateContainer } from "./lifecycle.js";
import { readLogStream } from "./logs.js";
import { containerStats, engineEvents, imageDetails, imageHistory, inspectContainerDetails, streamContainerStats, topContainer } from "./monitoring.js";
import type { AttachOptions, EngineVersion, FilesystemChange, ImageRemoval, ImportSpec, LoginRefusal, LoginResult, NetworkDetails, SearchOptions, SearchResult, VolumeDetails } from "../operations/objects.js";
import { checkLogin, deleteImage, importImage, loadImages, saveImages, searchImages, tagImage } from "./image-store.js";
import { attachContainer, containerChanges, engineVersion, networkDetails, volumeDetails, volumeSizes } from "./objects.js";
import { observeContainer, observeContainerSummary, observeImage, observeNetwork, observeVolume } from "./observe.js";

/** Something the caller should tell the user about, though the call succeeded. */
export type EngineWarning =
  | {
      readonly kind: "field-dropped";
      /** Container name. */
      readonly subject: string;
      /** Path in the engine's request, e.g. `Healthcheck.StartInterval`. */
      readonly field: string;
      readonly requiredApiVersion: string;
      readonly apiVersion: string;
      readonly message: string;
    }
  | { readonly kind: "engine"; readonly subject: string; readonly message: string }
  /** A plain-TCP DOCKER_HOST that leaves the machine; `subject` is the endpoint. */
  | { readonly kind: "insecure-connection"; readonly subject: string; readonly message: string };

/** Callbacks a Docker engine reports through; both optional. */
export interface DockerEngineOptions {
  /**
   * Fields dropped for an older API version, the engine's own create
   * warnings, and an unencrypted connection that leaves the machine: the
   * sentence to show, then the structured detail.
   */
  readonly onWarning?: (message: string, warning: EngineWarning) => void;
  /** Which connection strategy was picked and which API version is spoken. */
  readonly onDebug?: (message: string) => void;
}

/** The Docker Engine implementation of {@link Engine}. Build one with `connectDockerEngine`. */
export class DockerEngine implements Engine {
  private readonly onWarning: (message: string, warning: EngineWarning) => void;

  constructor(
    private readonly client: EngineClient,
    options: DockerEngineOptions = {},
  ) {
    this.onWarning = options.onWarning ?? (() => {});
  }

  async ping(): Promise<EngineInfo> {
    const { apiVersion } = await this.client.connected();
    // Asked afresh each time: a ping must reach the engine, not a cached answer.
    const [version, info] = await this.client.call("ping the engine", (docker) =>
      Promise.all([docker.version(), docker.info() as Promise<{ Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } }>]),
    );
    return {
      version: version.Version,
      apiVersion,
      os: version.Os,
      architecture: version.Arch,
      swarm: info.Swarm?.LocalNodeState === "active" && info.Swarm.ControlAvailable === true,
    };
  }

  async listContainers(labels: LabelFilter): Promise<ObservedContainer[]> {
    const summaries = await this.client.read("list containers", (docker) =>
      docker.listContainers({ all: true, filters: labelFilters(labels) }),
    );
    return sortedBy(summaries.map(observeContainerSummary), (container) => container.name);
  }

  async inspectContainer(idOrName: string): Promise<ObservedContainer | undefined> {
    const info = await this.client.optional(`inspect container "${idOrName}"`, (docker) =>
      docker.getContainer(idOrName).inspect(),
    );
    return info && observeContainer(info);
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    const { docker, apiVersion } = await this.client.connected();
    const request = createRequest(spec, apiVersion);
    this.warnDropped(spec.name, request.dropped, apiVersion);
    const created = await this.client.run(`create container "${spec.name}"`, () =>
      dial<{ Id: string; Warnings?: string[] | null }>(docker, {
        path: "/containers/create?",
        method: "POST",
        options: { _query: { name: spec.name }, _body: request.body },
      }).catch(async (error: unknown) => {
        throw (await nameConflict(docker, error)) ?? missingCommand(error, spec.image) ?? error;
      }),
    );
    for (const warning of created.Warnings ?? []) {
      const message = `${spec.name}: ${warning}`;
      this.onWarning(message, { kind: "engine", subject: spec.name, message });
    }
    try {
      for (const attachment of request.laterNetworks) await this.connectNetwork(created.Id, attachment);
      if (spec.files && spec.files.length > 0) await writeContainerFiles(this.client, created.Id, spec.files);
    } catch (error) {
      // A container missing a network or a secret must not survive to be started (or to block a retry by its name).
      await this.removeContainer(created.Id, { force: true, removeVolumes: true }).catch(() => {});
      throw error;
    }
    return created.Id;
  }

  async startContainer(id: string): Promise<void> {
    // 304: already running, which is what was asked.
    await this.client.idempotent(`start container "${id}"`, [304], (docker) =>
      docker
        .getContainer(id)
        .start()
        .catch((error: unknown) => {
          throw portConflict(error) ?? error;
        }),
    );
  }

  async stopContainer(id: string, timeoutSeconds?: number): Promise<void> {
    // 304: already stopped; 404: already gone. Either way it is not running.
    await this.client.idempotent(`stop container "${id}"`, [304, 404], (docker) =>
      docker.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds }),
    );
  }

  async killContainer(id: string, signal: string): Promise<void> {
    await this.client.call(`kill container "${id}" with ${signal}`, (docker) => docker.getContainer(id).kill({ signal }));
  }

  async removeContainer(id: string, options: { readonly force: boolean; readonly removeVolumes: boolean }): Promise<void> {
    await this.client.idempotent(`remove container "${id}"`, [404], (docker) =>
      docker.getContainer(id).remove({ force: options.force, v: options.removeVolumes }),
    );
  }

  async renameContainer(id: string, name: string): Promise<void> {
    await this.client.call(`rename container "${id}" to "${name}"`, (docker) => docker.getContainer(id).rename({ name }));
  }

  async waitContainer(id: string, signal?: AbortSignal): Promise<number> {
    const { docker } = await this.client.connected();
    try {
      const result = (await docker
        .getContainer(id)
        .wait({ condition: "not-running", ...(signal ? { abortSignal: signal } : {}) })) as { StatusCode: number };
      return result.StatusCode;
    } catch (error) {
      // The caller stopped waiting: its own reason, not an engine failure.
      if (signal?.aborted) throw signal.reason ?? error;
      throw toEngineError(error, this.client.location, `wait for container "${id}"`);
    }
  }

  async connectNetwork(containerId: string, attachment: NetworkAttachmentSpec): Promise<void> {
    const { apiVersion } = await this.client.connected();
    const dropped: DroppedField[] = [];
    const endpoint = endpointBody(attachment, apiVersion, dropped);
    this.warnDropped(containerId, dropped, apiVersion);
    await this.client.call(`connect container "${containerId}" to network "${attachment.network}"`, (docker) =>
      docker.getNetwork(attachment.network).connect({ Container: containerId, EndpointConfig: endpoint }),
    );
  }

  async *logs(id: string, options: LogOptions): AsyncGenerator<LogChunk> {
    if (options.signal?.aborted) return;
    const action = `read the logs of container "${id}"`;
    const info = await this.client.call(action, (docker) => docker.getContainer(id).inspect());
    const { docker } = await this.client.connected();
    const query = {
      stdout: true,
      stderr: true,
      follow: options.follow,
      timestamps: options.timestamps,
      tail: options.tail === undefined ? "all" : String(options.tail),
      ...(options.since !== undefined ? { since: options.since } : {}),
      ...(options.until !== undefined ? { until: options.until } : {}),
    };
    const response = await this.client.run(action, () =>
      dial<IncomingMessage>(docker, { path: `/containers/${encodeURIComponent(id)}/logs?`, method: "GET", isStream: true, options: query }),
    );
    yield* readLogStream(docker.modem, response, info.Config.Tty, options.signal, (error) =>
      toEngineError(error, this.client.location, action),
    );
  }

  async listNetworks(labels: LabelFilter): Promise<ObservedNetwork[]> {
    const networks = await this.client.read("list networks", (docker) => docker.listNetworks({ filters: labelFilters(labels) }));
    return sortedBy(networks.map(observeNetwork), (network) => network.name);
  }

  async inspectNetwork(name: string): Promise<ObservedNetwork | undefined> {
    const info = await this.client.optional(`inspect network "${name}"`, (docker) => docker.getNetwork(name).inspect());
    return info && observeNetwork(info);
  }

  async createNetwork(spec: NetworkSpec): Promise<void> {
    const ipam = spec.ipam && {
      ...(spec.ipam.driver !== undefined ? { Driver: spec.ipam.driver } : {}),
      Options: { ...spec.ipam.options },
      Config: spec.ipam.config.map((pool) => ({
        ...(pool.subnet !== undefined ? { Subnet: pool.subnet } : {}),
        ...(pool.ipRange !== undefined ? { IPRange: pool.ipRange } : {}),
        ...(pool.gateway !== undefined ? { Gateway: pool.gateway } : {}),
        AuxiliaryAddresses: { ...pool.auxAddresses },
      })),
    };
    await this.client.call(`create network "${spec.name}"`, (docker) =>
      docker.createNetwork({
        Name: spec.name,
        // Before API 1.44 the engine happily creates a second network of the same name unless asked not to.
        CheckDuplicate: true,
        ...(spec.driver !== undefined ? { Driver: spec.driver } : {}),
        Options: { ...spec.driverOpts },
        Internal: spec.internal,
        Attachable: spec.attachable,
        ...(spec.enableIpv6 !== undefined ? { EnableIPv6: spec.enableIpv6 } : {}),
        Labels: { ...spec.labels },
        ...(ipam ? { IPAM: ipam } : {}),
      }),
    );
  }

  async removeNetwork(name: string): Promise<void> {
    try {
      await this.client.idempotent(`remove network "${name}"`, [404], (docker) => docker.getNetwork(name).remove());
    } catch (error) {
      // libnetwork's ActiveEndpointsError: "network X id Y has active endpoints" (403, as for predefined networks).
      if (!(error instanceof EngineError) || !/has active endpoints/.test(error.message)) throw error;
      const details = await networkDetails(this.client, name);
      throw new NetworkInUseError(error.message, (details?.containers ?? []).map((endpoint) => endpoint.name || endpoint.containerId));
    }
  }

  async listVolumes(labels: LabelFilter): Promise<ObservedVolume[]> {
    const answer = await this.client.read("list volumes", (docker) => docker.listVolumes({ filters: labelFilters(labels) }));
    return sortedBy((answer.Volumes ?? []).map(observeVolume), (volume) => volume.name);
  }

  async inspectVolume(name: string): Promise<ObservedVolume | undefined> {
    const info = await this.client.optional(`inspect volume "${name}"`, (docker) => docker.getVolume(name).inspect());
    return info && observeVolume(info);
  }

  async createVolume(spec: VolumeSpec): Promise<void> {
    await this.client.call(`create volume "${spec.name}"`, (docker) =>
      docker.createVolume({
        Name: spec.name,
        ...(spec.driver !== undefined ? { Driver: spec.driver } : {}),
        DriverOpts: { ...spec.driverOpts },
        Labels: { ...spec.labels },
      }),
    );
  }

  async removeVolume(name: string): Promise<void> {
    await this.client.idempotent(`remove volume "${name}"`, [404], (docker) => docker.getVolume(name).remove());
  }

  async inspectImage(reference: string): Promise<ObservedImage | undefined> {
    const info = await this.client.optional(`inspect image "${reference}"`, (docker) => docker.getImage(reference).inspect());
    return info && observeImage(info);
  }

  pullImage(reference: string, onProgress?: (line: ProgressLine) => void, auth?: RegistryAuth): Promise<void> {
    return pullImage(this.client, reference, onProgress, auth);
  }

  buildImage(spec: BuildSpec, onProgress?: (line: ProgressLine) => void): Promise<void> {
    return buildImage(this.client, spec, onProgress);
  }

  async removeImage(reference: string): Promise<void> {
    await this.client.idempotent(`remove image "${reference}"`, [404], (docker) => docker.getImage(reference).remove());
  }

  // ── lifecycle verbs (operations/lifecycle.ts) ──

  pauseContainer(id: string): Promise<void> {
    return pauseContainer(this.client, id);
  }

  unpauseContainer(id: string): Promise<void> {
    return unpauseContainer(this.client, id);
  }

  restartContainer(id: string, timeoutSeconds?: number): Promise<void> {
    return restartContainer(this.client, id, timeoutSeconds);
  }

  updateContainer(id: string, update: ContainerUpdate): Promise<void> {
    return updateContainer(this.client, id, update);
  }

  // ── monitoring verbs (operations/monitoring.ts) ──

  topContainer(id: string, psArgs?: string): Promise<ContainerProcesses> {
    return topContainer(this.client, id, psArgs);
  }

  containerStats(id: string): Promise<ContainerStatsSample> {
    return containerStats(this.client, id);
  }

  streamContainerStats(id: string, signal: AbortSignal): AsyncIterable<ContainerStatsSample> {
    return streamContainerStats(this.client, id, signal);
  }

  events(filter: EventFilter, signal: AbortSignal): AsyncIterable<EngineEvent> {
    return engineEvents(this.client, filter, signal);
  }

  inspectContainerDetails(idOrName: string): Promise<ContainerDetails | undefined> {
    return inspectContainerDetails(this.client, idOrName);
  }

  imageDetails(reference: string): Promise<ImageDetails | undefined> {
    return imageDetails(this.client, reference);
  }

  imageHistory(reference: string): Promise<readonly ImageLayer[] | undefined> {
    return imageHistory(this.client, reference);
  }

  // ── inside containers (operations/inside.ts) ──
  execAttached(containerId: string, spec: ExecSpec, streams: AttachedStreams): Promise<number> { return execAttached(this.client, containerId, spec, streams); }
  execDetached(containerId: string, spec: ExecSpec): Promise<void> { return execDetached(this.client, containerId, spec); }
  startAttached(containerId: string, streams: AttachedStreams): Promise<number> { return startAttached(this.client, containerId, streams); }
  statContainerPath(containerId: string, path: string): Promise<ContainerPathStat | undefined> { return statContainerPath(this.client, containerId, path); }
  readContainerArchive(containerId: string, path: string): Promise<NodeJS.ReadableStream> { return readContainerArchive(this.client, containerId, path); }
  writeContainerArchive(containerId: string, directory: string, archive: NodeJS.ReadableStream): Promise<void> { return writeContainerArchive(this.client, containerId, directory, archive); }
  exportContainer(containerId: string): Promise<NodeJS.ReadableStream> { return exportContainer(this.client, containerId); }
  commitContainer(containerId: string, spec: CommitSpec): Promise<string> { return commitContainer(this.client, containerId, spec); }

  // ── image verbs (operations/images.ts) ──

  pushImage(reference: string, options: PushOptions = {}): Promise<void> {
    return pushImage(this.client, reference, options.auth, options.onProgress);
  }

  // ── the engine's objects (operations/objects.ts) ──
  containerChanges(containerId: string): Promise<FilesystemChange[]> { return containerChanges(this.client, containerId); }
  attachContainer(containerId: string, streams: AttachedStreams, options: AttachOptions): Promise<void> { return attachContainer(this.client, containerId, streams, options); }
  engineVersion(): Promise<EngineVersion> { return engineVersion(this.client); }
  volumeDetails(name: string): Promise<VolumeDetails | undefined> { return volumeDetails(this.client, name); }
  volumeSizes(): Promise<Readonly<Record<string, number>>> { return volumeSizes(this.client); }
  networkDetails(name: string): Promise<NetworkDetails | undefined> { return networkDetails(this.client, name); }
  tagImage(source: string, repository: string, tag: string): Promise<void> { return tagImage(this.client, source, repository, tag); }
  deleteImage(reference: string, options: { readonly force: boolean }): Promise<ImageRemoval> { return deleteImage(this.client, reference, options.force); }
  saveImages(references: readonly string[]): Promise<NodeJS.ReadableStream> { return saveImages(this.client, references); }
  loadImages(archive: NodeJS.ReadableStream, onProgress?: (line: ProgressLine) => void): Promise<string[]> { return loadImages(this.client, archive, onProgress); }
  importImage(archive: NodeJS.ReadableStream, spec: ImportSpec): Promise<string> { return importImage(this.client, archive, spec); }
  searchImages(term: string, options: SearchOptions): Promise<SearchResult[]> { return searchImages(this.client, term, options); }
  checkLogin(auth: Extract<RegistryAuth, { kind: "password" }>): Promise<LoginResult | LoginRefusal> { return checkLogin(this.client, auth); }

  private warnDropped(subject: string, dropped: readonly DroppedField[], apiVersion: string): void {
    for (const { field, requiredApiVersion } of dropped) {
      const message = `${subject}: ${field} needs engine API ${requiredApiVersion}, the engine speaks ${apiVersion}; left out`;
      this.onWarning(message, { kind: "field-dropped", subject, field, requiredApiVersion, apiVersion, message });
    }
  }
}
