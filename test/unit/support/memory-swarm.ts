/**
 * A swarm manager in memory: services, networks, secrets and configs kept
 * as sent, every call logged, so a test proves "no call at all" or "one
 * update", and a planner test observes what an earlier run created.
 */
import type { FileObjectKind, SwarmEngine } from "../../../src/docker-api/swarm-engine.js";
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
} from "../../../src/docker-api/swarm-types.js";
import type { LabelFilter } from "../../../src/docker-api/types.js";

function matches(labels: Readonly<Record<string, string>>, filter: LabelFilter): boolean {
  return Object.entries(filter).every(([key, value]) => (value === undefined ? key in labels : labels[key] === value));
}

/** A counting, in-memory SwarmEngine. */
export class MemorySwarm implements SwarmEngine {
  readonly calls: string[] = [];
  readonly services = new Map<string, ObservedService>();
  readonly networks = new Map<string, ObservedSwarmObject>();
  readonly objects = new Map<string, ObservedSwarmObject & { kind: FileObjectKind }>();
  /** Update requests as sent: service ID, version, spec. */
  readonly updates: { id: string; version: number; spec: SwarmServiceSpec }[] = [];
  private next = 1;

  constructor(private readonly membershipState: SwarmMembership = { localNodeState: "active", controlAvailable: true, nodeId: "n1", endpoint: "memory" }) {}

  private id(prefix: string): string {
    this.next += 1;
    return `${prefix}${this.next}`;
  }

  async membership(): Promise<SwarmMembership> {
    this.calls.push("membership");
    return this.membershipState;
  }

  async listServices(labels: LabelFilter): Promise<ObservedService[]> {
    this.calls.push("listServices");
    return [...this.services.values()].filter((service) => matches(service.spec.Labels, labels));
  }

  async inspectService(id: string): Promise<ObservedService | undefined> {
    this.calls.push(`inspectService ${id}`);
    return this.services.get(id);
  }

  async createService(spec: SwarmServiceSpec): Promise<string> {
    this.calls.push(`createService ${spec.Name}`);
    const id = this.id("svc");
    this.services.set(id, { id, version: 1, spec, createdAt: "now" });
    return id;
  }

  async updateService(id: string, version: number, spec: SwarmServiceSpec): Promise<void> {
    this.calls.push(`updateService ${spec.Name}`);
    const service = this.services.get(id);
    if (!service || service.version !== version) throw new Error(`update out of sequence: ${id}@${version}`);
    this.updates.push({ id, version, spec });
    this.services.set(id, { ...service, version: version + 1, spec, previousSpec: service.spec });
  }

  async removeService(id: string): Promise<void> {
    this.calls.push(`removeService ${id}`);
    this.services.delete(id);
  }

  /** Every replicated service's tasks, running its current spec at once (a swarm that converges instantly). */
  async listTasks(serviceIds?: readonly string[]): Promise<ObservedTask[]> {
    this.calls.push("listTasks");
    return [...this.services.values()]
      .filter((service) => serviceIds === undefined || serviceIds.includes(service.id))
      .flatMap((service) => {
        const replicas = "Replicated" in service.spec.Mode ? service.spec.Mode.Replicated.Replicas : 1;
        return Array.from({ length: replicas }, (_, index) => ({
          id: `${service.id}-task${index + 1}`,
          serviceId: service.id,
          slot: index + 1,
          nodeId: "n1",
          desiredState: "running" as const,
          state: "running" as const,
          message: "started",
          error: "",
          containerLabels: service.spec.TaskTemplate.ContainerSpec.Labels ?? {},
          image: service.spec.TaskTemplate.ContainerSpec.Image,
          updatedAt: "now",
        }));
      });
  }

  async listNodes(): Promise<ObservedNode[]> {
    this.calls.push("listNodes");
    return [];
  }

  async listNetworks(labels: LabelFilter): Promise<ObservedSwarmObject[]> {
    this.calls.push("listNetworks");
    return [...this.networks.values()].filter((network) => matches(network.labels, labels));
  }

  async createNetwork(spec: OverlayNetworkSpec): Promise<string> {
    this.calls.push(`createNetwork ${spec.Name}`);
    const id = this.id("net");
    this.networks.set(id, { id, name: spec.Name, labels: spec.Labels });
    return id;
  }

  async removeNetwork(id: string): Promise<void> {
    this.calls.push(`removeNetwork ${id}`);
    this.networks.delete(id);
  }

  async listFileObjects(kind: FileObjectKind, labels: LabelFilter): Promise<ObservedSwarmObject[]> {
    this.calls.push(`list ${kind}s`);
    return [...this.objects.values()].filter((object) => object.kind === kind && matches(object.labels, labels));
  }

  async createFileObject(kind: FileObjectKind, spec: SwarmFileObjectSpec): Promise<string> {
    this.calls.push(`create ${kind} ${spec.Name}`);
    const id = this.id(kind);
    this.objects.set(id, { id, name: spec.Name, labels: spec.Labels, kind });
    return id;
  }

  async removeFileObject(kind: FileObjectKind, id: string): Promise<void> {
    this.calls.push(`remove ${kind} ${id}`);
    this.objects.delete(id);
  }

  async *serviceLogs(): AsyncGenerator<ServiceLogChunk> {
    this.calls.push("serviceLogs");
  }

  /** Calls that change something. */
  writes(): string[] {
    return this.calls.filter((call) => /^(create|update|remove)/.test(call));
  }
}
