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
  ContainerUpdate,
  EngineInfo,
  LiveSettings,
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
  /** Memory a container uses, by name: an update to a lower limit is refused, as the kernel refuses it. */
  readonly memoryInUse = new Map<string, number>();

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
    // The engine's list answer has no HostConfig limits: only an inspect reads them.
    return [...this.containers.values()].filter((container) => matches(container.labels, labels)).map(({ live: _live, ...container }) => ({ ...container }));
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
      live: liveSettingsOf(spec),
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

  /** The engine's rules: 0 leaves a field as is; a memory limit above the swap limit, or below what is in use, is refused. */
  async updateContainer(id: string, update: ContainerUpdate): Promise<void> {
    this.record(`updateContainer ${id} ${JSON.stringify(update)}`);
    const container = this.need(id);
    const live = container.live ?? liveSettingsOf(undefined);
    const changed = (value: number | undefined, current: number): number => (value === undefined || value === 0 ? current : value);
    const memory = changed(update.memoryBytes, live.memoryBytes);
    const swap = changed(update.memorySwapBytes, live.memorySwapBytes);
    if (update.memoryBytes && !update.memorySwapBytes && update.memoryBytes > live.memorySwapBytes && live.memorySwapBytes !== -1) {
      throw new Error(`Cannot update container ${container.id}: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time`);
    }
    if (memory > 0 && memory < (this.memoryInUse.get(container.name) ?? 0)) throw new Error(`Cannot update container ${container.id}: device or resource busy`);
    container.live = {
      restartPolicy: update.restartPolicy ?? live.restartPolicy,
      memoryBytes: memory,
      memorySwapBytes: swap,
      memoryReservationBytes: changed(update.memoryReservationBytes, live.memoryReservationBytes),
      nanoCpus: changed(update.nanoCpus, live.nanoCpus),
      cpuShares: changed(update.cpuShares, live.cpuShares),
      cpusetCpus: update.cpusetCpus || live.cpusetCpus,
      pidsLimit: update.pidsLimit === undefined ? live.pidsLimit : Math.max(0, update.pidsLimit),
      blkioWeight: changed(update.blkioWeight, live.blkioWeight),
    };
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

  // ── the engine's objects (operations/objects.ts): the image store is modelled, the rest is not ──

  async tagImage(source: string, repository: string, tag: string): Promise<void> {
    this.record(`tagImage ${source} ${repository}:${tag}`);
    const image = this.images.get(source) ?? [...this.images.values()].find((candidate) => candidate.id === source);
    if (!image) throw new Error(`No such image: ${source}`);
    this.images.set(`${repository}:${tag}`, { ...image, tags: [...image.tags, `${repository}:${tag}`] });
  }

  async deleteImage(reference: string, options: { readonly force: boolean }): Promise<{ untagged: string[]; deleted: string[] }> {
    this.record(`deleteImage ${reference}${options.force ? " --force" : ""}`);
    const image = this.images.get(reference);
    if (!image) throw new Error(`No such image: ${reference}`);
    this.images.delete(reference);
    const stillNamed = [...this.images.values()].some((candidate) => candidate.id === image.id);
    return { untagged: [reference], deleted: stillNamed ? [] : [image.id] };
  }

  async containerChanges(containerId: string): Promise<never> { return this.notModelled(`containerChanges ${containerId}`); }
  async attachContainer(containerId: string): Promise<never> { return this.notModelled(`attachContainer ${containerId}`); }
  async engineVersion(): Promise<never> { return this.notModelled("engineVersion"); }
  async volumeDetails(name: string): Promise<never> { return this.notModelled(`volumeDetails ${name}`); }
  async volumeSizes(): Promise<never> { return this.notModelled("volumeSizes"); }
  async networkDetails(name: string): Promise<never> { return this.notModelled(`networkDetails ${name}`); }
  async saveImages(references: readonly string[]): Promise<never> { return this.notModelled(`saveImages ${references.join(" ")}`); }
  async loadImages(): Promise<never> { return this.notModelled("loadImages"); }
  async importImage(): Promise<never> { return this.notModelled("importImage"); }
  async searchImages(term: string): Promise<never> { return this.notModelled(`searchImages ${term}`); }
  async checkLogin(): Promise<never> { return this.notModelled("checkLogin"); }

  /** Calls that change something (everything but reads). */
  writes(): string[] {
    return this.calls.filter((call) => !/^(ping|list|inspect|logs|topContainer|containerStats|imageDetails|imageHistory|statContainerPath|readContainerArchive|exportContainer)/.test(call));
  }
}

/** What the engine's inspect shows for a container created from `spec` (the engine sets swap to twice the memory limit). */
function liveSettingsOf(spec: ContainerSpec | undefined): LiveSettings {
  const host = spec?.host;
  const memory = host?.memoryBytes ?? 0;
  return {
    restartPolicy: host?.restartPolicy ?? { name: "no", maximumRetryCount: 0 },
    memoryBytes: memory,
    memorySwapBytes: host?.memorySwapBytes ?? (memory > 0 ? memory * 2 : 0),
    memoryReservationBytes: host?.memoryReservationBytes ?? 0,
    nanoCpus: host?.nanoCpus ?? 0,
    cpuShares: host?.cpuShares ?? 0,
    cpusetCpus: host?.cpusetCpus ?? "",
    pidsLimit: Math.max(0, host?.pidsLimit ?? 0),
    blkioWeight: 0,
  };
}
