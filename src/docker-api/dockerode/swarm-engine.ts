/**
 * The SwarmEngine interface on the Engine API, through raw requests
 * (docker-modem's `dial`): dockerode's `service.update` puts the whole spec
 * into the query string as well as the body, and its lists drop
 * `?status=true`; a raw request sends exactly what the API documents. Every
 * method is one call; the mapping from the API's shapes is in swarm-observe.ts.
 */
import type { IncomingMessage } from "node:http";
import type { FileObjectKind, SwarmEngine } from "../swarm-engine.js";
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
} from "../swarm-types.js";
import type { LabelFilter, LogOptions } from "../types.js";
import { dial, type EngineClient, labelFilters, sortedBy } from "./client.js";
import { toEngineError } from "./engine-errors.js";
import { readServiceLogStream } from "./swarm-logs.js";
import { observeNode, observeService, observeSwarmObject, observeTask, type ApiNode, type ApiObject, type ApiService, type ApiTask } from "./swarm-observe.js";

/** The API's path segment of each file-object store. */
const STORE: Readonly<Record<FileObjectKind, string>> = { secret: "secrets", config: "configs" };

/** A swarm manager through dockerode's modem. */
export class DockerSwarmEngine implements SwarmEngine {
  constructor(private readonly client: EngineClient) {}

  async membership(): Promise<SwarmMembership> {
    const info = await this.client.read("ask the engine about its swarm", (docker) =>
      docker.info() as Promise<{ Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string } }>,
    );
    return {
      localNodeState: info.Swarm?.LocalNodeState ?? "inactive",
      controlAvailable: info.Swarm?.ControlAvailable === true,
      nodeId: info.Swarm?.NodeID ?? "",
      endpoint: this.client.location.endpoint,
    };
  }

  private get<T>(action: string, path: string, query: Readonly<Record<string, unknown>> = {}): Promise<T> {
    return this.client.call(action, (docker) => dial<T>(docker, { path: `${path}?`, method: "GET", options: query }));
  }

  private post<T>(action: string, path: string, body: unknown, query: Readonly<Record<string, unknown>> = {}): Promise<T> {
    return this.client.call(action, (docker) => dial<T>(docker, { path: `${path}?`, method: "POST", options: { _query: query, _body: body } }));
  }

  private remove(action: string, path: string): Promise<void> {
    return this.client.idempotent(action, [404], (docker) => dial(docker, { path, method: "DELETE", options: {} }));
  }

  async listServices(labels: LabelFilter): Promise<ObservedService[]> {
    const services = await this.get<ApiService[]>("list services", "/services", { filters: labelFilters(labels), status: true });
    return sortedBy(services.map(observeService), (service) => service.spec.Name);
  }

  async inspectService(id: string): Promise<ObservedService | undefined> {
    const service = await this.client.optional(`inspect service "${id}"`, (docker) =>
      dial<ApiService>(docker, { path: `/services/${encodeURIComponent(id)}?`, method: "GET", options: {} }),
    );
    return service && observeService(service);
  }

  async createService(spec: SwarmServiceSpec): Promise<string> {
    const created = await this.post<{ ID: string }>(`create service "${spec.Name}"`, "/services/create", spec);
    return created.ID;
  }

  async updateService(id: string, version: number, spec: SwarmServiceSpec): Promise<void> {
    await this.post(`update service "${spec.Name}"`, `/services/${encodeURIComponent(id)}/update`, spec, { version });
  }

  removeService(id: string): Promise<void> {
    return this.remove(`remove service "${id}"`, `/services/${encodeURIComponent(id)}`);
  }

  async listTasks(serviceIds?: readonly string[]): Promise<ObservedTask[]> {
    if (serviceIds !== undefined && serviceIds.length === 0) return [];
    const tasks = await this.get<ApiTask[]>("list tasks", "/tasks", serviceIds === undefined ? {} : { filters: { service: [...serviceIds] } });
    return sortedBy(tasks.map(observeTask), (task) => `${task.serviceId}/${String(task.slot ?? 0).padStart(6, "0")}/${task.updatedAt}`);
  }

  async listNodes(): Promise<ObservedNode[]> {
    const nodes = await this.get<ApiNode[]>("list nodes", "/nodes");
    return sortedBy(nodes.map(observeNode), (node) => node.hostname);
  }

  async listNetworks(labels: LabelFilter): Promise<ObservedSwarmObject[]> {
    const networks = await this.get<{ Id: string; Name: string; Labels?: Record<string, string> | null }[]>("list networks", "/networks", { filters: labelFilters(labels) });
    return sortedBy(
      networks.map((network) => ({ id: network.Id, name: network.Name, labels: network.Labels ?? {} })),
      (network) => network.name,
    );
  }

  async createNetwork(spec: OverlayNetworkSpec): Promise<string> {
    const created = await this.post<{ Id: string }>(`create network "${spec.Name}"`, "/networks/create", { ...spec, CheckDuplicate: true, Scope: "swarm" });
    return created.Id;
  }

  removeNetwork(idOrName: string): Promise<void> {
    return this.remove(`remove network "${idOrName}"`, `/networks/${encodeURIComponent(idOrName)}`);
  }

  async listFileObjects(kind: FileObjectKind, labels: LabelFilter): Promise<ObservedSwarmObject[]> {
    const objects = await this.get<ApiObject[]>(`list ${STORE[kind]}`, `/${STORE[kind]}`, { filters: labelFilters(labels) });
    return sortedBy(objects.map(observeSwarmObject), (object) => object.name);
  }

  async createFileObject(kind: FileObjectKind, spec: SwarmFileObjectSpec): Promise<string> {
    const created = await this.post<{ ID: string }>(`create ${kind} "${spec.Name}"`, `/${STORE[kind]}/create`, spec);
    return created.ID;
  }

  removeFileObject(kind: FileObjectKind, id: string): Promise<void> {
    return this.remove(`remove ${kind} "${id}"`, `/${STORE[kind]}/${encodeURIComponent(id)}`);
  }

  async *serviceLogs(serviceId: string, options: LogOptions): AsyncGenerator<ServiceLogChunk> {
    if (options.signal?.aborted) return;
    const action = `read the logs of service "${serviceId}"`;
    const { docker } = await this.client.connected();
    const query = {
      stdout: true,
      stderr: true,
      details: true,
      follow: options.follow,
      timestamps: options.timestamps,
      tail: options.tail === undefined ? "all" : String(options.tail),
      ...(options.since !== undefined ? { since: options.since } : {}),
    };
    const response = await this.client.run(action, () =>
      dial<IncomingMessage>(docker, { path: `/services/${encodeURIComponent(serviceId)}/logs?`, method: "GET", isStream: true, options: query }),
    );
    yield* readServiceLogStream(docker.modem, response, options.signal, (error) => toEngineError(error, this.client.location, action));
  }
}
