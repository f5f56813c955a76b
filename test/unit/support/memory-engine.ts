/**
 * An engine in memory: enough of Docker's behaviour for planner and executor
 * tests (containers created from specs, started, stopped, renamed, removed;
 * networks, volumes, images), and a log of every call so a test can prove
 * that nothing touched the engine.
 */
import { createHash } from "node:crypto";
import type { Engine, LabelFilter } from "../../../src/docker-api/engine.js";
import type { ContainerDetails, ContainerProcesses, ContainerStatsSample, EngineEvent, ImageDetails, ImageLayer } from "../../../src/docker-api/operations/monitoring.js";
import type {
  ContainerSpec,
  EngineInfo,
  LogChunk,
  NetworkSpec,
  ObservedMount,
  ObservedContainer,
  ObservedImage,
  ObservedNetwork,
  ObservedVolume,
  VolumeSpec,
} from "../../../src/docker-api/types.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function matches(labels: Readonly<Record<string, string>>, filter: LabelFilter): boolean {
  return Object.entries(filter).every(([key, value]) => (value === undefined ? key in labels : labels[key] === value));
}

function randomHex(seed: string): string {
  return createHash("sha256").update(seed).digest("hex");
}

/** A fake engine with a call log. */
export class MemoryEngine implements Engine {
  readonly calls: string[] = [];
  readonly containers = new Map<string, Mutable<ObservedContainer>>();
  readonly networks = new Map<string, ObservedNetwork>();
  readonly volumes = new Map<string, ObservedVolume>();
  readonly images = new Map<string, ObservedImage>();
  private counter = 0;

  constructor(images: readonly string[] = []) {
    for (const reference of images) this.images.set(reference, { id: `sha256:${randomHex(reference)}`, tags: [reference], labels: {} });
  }

  private record(call: string): void {
    this.calls.push(call);
  }

  private find(idOrName: string): Mutable<ObservedContainer> | undefined {
    return this.containers.get(idOrName) ?? [...this.containers.values()].find((container) => container.name === idOrName);
  }

  private need(idOrName: string): Mutable<ObservedContainer> {
    const container = this.find(idOrName);
    if (!container) throw new Error(`no such container: ${idOrName}`);
    return container;
  }

  async ping(): Promise<EngineInfo> {
    this.record("ping");
    return { version: "memory", apiVersion: "1.41", os: "linux", architecture: "amd64", swarm: false };
  }

  async listContainers(labels: LabelFilter): Promise<ObservedContainer[]> {
    this.record("listContainers");
    return [...this.containers.values()].filter((container) => matches(container.labels, labels)).map((container) => ({ ...container }));
  }

  async inspectContainer(idOrName: string): Promise<ObservedContainer | undefined> {
    this.record(`inspectContainer ${idOrName}`);
    const container = this.find(idOrName);
    return container ? { ...container } : undefined;
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    this.record(`createContainer ${spec.name}`);
    if (this.find(spec.name)) throw new Error(`conflict: name ${spec.name} in use`);
    const id = randomHex(`${spec.name}-${this.counter++}`);
    const image = this.images.get(spec.image);
    this.containers.set(id, {
      id,
      name: spec.name,
      image: spec.image,
      imageId: image?.id ?? "",
      labels: spec.labels,
      state: "created",
      health: "none",
      exitCode: 0,
      restartCount: 0,
      startedAt: "0001-01-01T00:00:00Z",
      finishedAt: "0001-01-01T00:00:00Z",
      mounts: spec.host.mounts.flatMap((mount): ObservedMount[] =>
        mount.type === "volume"
          ? [{ type: "volume" as const, name: mount.source ?? randomHex(`anon-${id}-${mount.target}`), source: "", destination: mount.target, readOnly: mount.readOnly }]
          : mount.type === "bind"
            ? [{ type: "bind" as const, source: mount.source, destination: mount.target, readOnly: mount.readOnly }]
            : [],
      ),
      networks: Object.fromEntries(spec.networks.map((attachment) => [attachment.network, { ipAddress: "10.0.0.2", aliases: attachment.aliases }])),
      ports: {},
    });
    return id;
  }

  async startContainer(id: string): Promise<void> {
    this.record(`startContainer ${id}`);
    const container = this.need(id);
    container.state = "running";
    container.health = "healthy";
    container.startedAt = new Date().toISOString();
  }

  async stopContainer(id: string): Promise<void> {
    this.record(`stopContainer ${id}`);
    const container = this.need(id);
    if (container.state === "running") Object.assign(container, { state: "exited", exitCode: 0 });
  }

  async killContainer(id: string, signal: string): Promise<void> {
    this.record(`killContainer ${id} ${signal}`);
    Object.assign(this.need(id), { state: "exited", exitCode: 137 });
  }

  async removeContainer(id: string): Promise<void> {
    this.record(`removeContainer ${id}`);
    const container = this.find(id);
    if (container) this.containers.delete(container.id);
  }

  async renameContainer(id: string, name: string): Promise<void> {
    this.record(`renameContainer ${id} ${name}`);
    this.need(id).name = name;
  }

  async waitContainer(id: string): Promise<number> {
    this.record(`waitContainer ${id}`);
    const container = this.need(id);
    Object.assign(container, { state: "exited", health: "none" });
    return container.exitCode;
  }

  async connectNetwork(containerId: string): Promise<void> {
    this.record(`connectNetwork ${containerId}`);
  }

  async *logs(id: string): AsyncIterable<LogChunk> {
    this.record(`logs ${id}`);
  }

  async listNetworks(labels: LabelFilter): Promise<ObservedNetwork[]> {
    this.record("listNetworks");
    return [...this.networks.values()].filter((network) => matches(network.labels, labels));
  }

  async inspectNetwork(name: string): Promise<ObservedNetwork | undefined> {
    this.record(`inspectNetwork ${name}`);
    return this.networks.get(name);
  }

  async createNetwork(spec: NetworkSpec): Promise<void> {
    this.record(`createNetwork ${spec.name}`);
    this.networks.set(spec.name, { id: randomHex(spec.name), name: spec.name, driver: spec.driver ?? "bridge", internal: spec.internal, labels: spec.labels });
  }

  async removeNetwork(name: string): Promise<void> {
    this.record(`removeNetwork ${name}`);
    this.networks.delete(name);
  }

  async listVolumes(labels: LabelFilter): Promise<ObservedVolume[]> {
    this.record("listVolumes");
    return [...this.volumes.values()].filter((volume) => matches(volume.labels, labels));
  }

  async inspectVolume(name: string): Promise<ObservedVolume | undefined> {
    this.record(`inspectVolume ${name}`);
    return this.volumes.get(name);
  }

  async createVolume(spec: VolumeSpec): Promise<void> {
    this.record(`createVolume ${spec.name}`);
    this.volumes.set(spec.name, { name: spec.name, driver: spec.driver ?? "local", labels: spec.labels });
  }

  async removeVolume(name: string): Promise<void> {
    this.record(`removeVolume ${name}`);
    this.volumes.delete(name);
  }

  async inspectImage(reference: string): Promise<ObservedImage | undefined> {
    this.record(`inspectImage ${reference}`);
    return this.images.get(reference);
  }

  async pullImage(reference: string): Promise<void> {
    this.record(`pullImage ${reference}`);
    this.images.set(reference, { id: `sha256:${randomHex(reference)}`, tags: [reference], labels: {} });
  }

  async buildImage(spec: { readonly tags: readonly string[] }): Promise<void> {
    this.record(`buildImage ${spec.tags.join(",")}`);
    for (const tag of spec.tags) this.images.set(tag, { id: `sha256:${randomHex(`${tag}-${this.counter++}`)}`, tags: [tag], labels: {} });
  }

  async removeImage(reference: string): Promise<void> {
    this.record(`removeImage ${reference}`);
    this.images.delete(reference);
  }

  // ── lifecycle verbs (operations/lifecycle.ts) ──

  async pauseContainer(id: string): Promise<void> {
    this.record(`pauseContainer ${id}`);
    const container = this.need(id);
    if (container.state !== "running") throw new Error(`container ${id} is not running`);
    container.state = "paused";
  }

  async unpauseContainer(id: string): Promise<void> {
    this.record(`unpauseContainer ${id}`);
    const container = this.need(id);
    if (container.state !== "paused") throw new Error(`container ${id} is not paused`);
    container.state = "running";
  }

  async restartContainer(id: string): Promise<void> {
    this.record(`restartContainer ${id}`);
    Object.assign(this.need(id), { state: "running", exitCode: 0, startedAt: new Date().toISOString() });
  }

  // ── monitoring verbs (operations/monitoring.ts) ──

  async topContainer(id: string): Promise<ContainerProcesses> {
    this.record(`topContainer ${id}`);
    const container = this.need(id);
    if (container.state !== "running") throw new Error(`container ${container.name} is not running`);
    return { titles: ["PID", "CMD"], processes: [["1", container.image]] };
  }

  async containerStats(id: string): Promise<ContainerStatsSample> {
    this.record(`containerStats ${id}`);
    this.need(id);
    const cpu = { totalUsage: 0, systemUsage: 0, onlineCpus: 1, perCpuUsageCount: 1 };
    return { readAt: new Date().toISOString(), cpu, previousCpu: cpu, memory: { usageBytes: 0, limitBytes: 0, counters: {} }, networks: {}, blockIo: [], pids: 1 };
  }

  streamContainerStats(): AsyncIterable<ContainerStatsSample> {
    throw new Error("not modelled by the memory engine");
  }

  events(): AsyncIterable<EngineEvent> {
    throw new Error("not modelled by the memory engine");
  }

  async inspectContainerDetails(idOrName: string): Promise<ContainerDetails | undefined> {
    this.record(`inspectContainerDetails ${idOrName}`);
    const container = this.find(idOrName);
    return container && { container: { ...container }, createdAt: "", path: "", args: [], oomKilled: false, error: "", healthLog: [], failingStreak: 0 };
  }

  async imageDetails(reference: string): Promise<ImageDetails | undefined> {
    this.record(`imageDetails ${reference}`);
    const image = this.images.get(reference);
    return image && { id: image.id, repoTags: image.tags, repoDigests: [], sizeBytes: 0, createdAt: "" };
  }

  async imageHistory(reference: string): Promise<readonly ImageLayer[] | undefined> {
    this.record(`imageHistory ${reference}`);
    const image = this.images.get(reference);
    return image && [{ id: image.id, created: 0, createdBy: "", sizeBytes: 0, comment: "", tags: image.tags }];
  }

  // ── inside containers (operations/inside.ts) ──

  /** Streams and archives are not modelled: the call is recorded, then refused. */
  private notModelled(call: string): never {
    this.record(call);
    throw new Error("not modelled by the memory engine");
  }

  async execAttached(containerId: string): Promise<number> {
    return this.notModelled(`execAttached ${containerId}`);
  }

  async execDetached(containerId: string): Promise<void> {
    return this.notModelled(`execDetached ${containerId}`);
  }

  /** The container runs and exits at once with code 0 (tests set `exitCode` beforehand for another). */
  async startAttached(containerId: string): Promise<number> {
    this.record(`startAttached ${containerId}`);
    const container = this.need(containerId);
    container.state = "exited";
    return container.exitCode;
  }

  async statContainerPath(containerId: string): Promise<undefined> {
    return this.notModelled(`statContainerPath ${containerId}`);
  }

  async readContainerArchive(containerId: string): Promise<NodeJS.ReadableStream> {
    return this.notModelled(`readContainerArchive ${containerId}`);
  }

  async writeContainerArchive(containerId: string): Promise<void> {
    return this.notModelled(`writeContainerArchive ${containerId}`);
  }

  async exportContainer(containerId: string): Promise<NodeJS.ReadableStream> {
    return this.notModelled(`exportContainer ${containerId}`);
  }

  async commitContainer(containerId: string, spec: { readonly repository: string; readonly tag: string }): Promise<string> {
    this.record(`commitContainer ${containerId} ${spec.repository}:${spec.tag}`);
    const reference = `${spec.repository}:${spec.tag}`;
    const id = `sha256:${randomHex(`${reference}-${this.counter++}`)}`;
    this.images.set(reference, { id, tags: [reference], labels: {} });
    return id;
  }

  // ── image verbs (operations/images.ts) ──

  /** References pushed, in order (a push of an absent image fails, as the engine's does). */
  readonly pushed: string[] = [];

  async pushImage(reference: string): Promise<void> {
    this.record(`pushImage ${reference}`);
    if (!this.images.has(reference)) throw new Error(`An image does not exist locally with the tag: ${reference}`);
    this.pushed.push(reference);
  }

  /** Calls that change something (everything but reads). */
  writes(): string[] {
    return this.calls.filter((call) => !/^(ping|list|inspect|logs|topContainer|containerStats|imageDetails|imageHistory|statContainerPath|readContainerArchive|exportContainer)/.test(call));
  }
}
