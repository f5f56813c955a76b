/**
 * An engine in memory: enough of Docker's behaviour for planner and executor
 * tests (containers created from specs, started, stopped, renamed, removed;
 * networks, volumes, images), and a log of every call so a test can prove
 * that nothing touched the engine.
 */
import { createHash } from "node:crypto";
import type { Engine, LabelFilter } from "../../../src/engine/engine.js";
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
} from "../../../src/engine/types.js";

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

  // ── monitoring verbs (operations/monitoring.ts) ──

  // ── inside containers (operations/inside.ts) ──

  // ── image verbs (operations/images.ts) ──

  /** Calls that change something (everything but reads). */
  writes(): string[] {
    return this.calls.filter((call) => !/^(ping|list|inspect|logs)/.test(call));
  }
}
