/**
 * Carries out one node of a Swarm plan: one Engine API call, or a wait
 * that only reads. Secrets and configs are named in the converted spec;
 * their IDs, which the API also needs, are filled in here from what was
 * observed and what this run created.
 */
import { EngineError } from "../../base/errors.js";
import type { SwarmEngine } from "../../docker-api/swarm-engine.js";
import type { SwarmServiceSpec } from "../../docker-api/swarm-types.js";
import { type ConvergeOptions, waitConverged } from "./converge.js";
import type { SwarmObserved } from "./observe.js";
import type { SwarmOperation } from "./operations.js";

/** Name → ID of every secret and config known in this run. */
export class FileObjectIds {
  private readonly ids = new Map<string, string>();

  constructor(observed: SwarmObserved) {
    for (const item of observed.secrets) this.ids.set(`secret/${item.name}`, item.id);
    for (const item of observed.configs) this.ids.set(`config/${item.name}`, item.id);
  }

  set(kind: "secret" | "config", name: string, id: string): void {
    this.ids.set(`${kind}/${name}`, id);
  }

  /** The spec with every secret's and config's ID filled in. */
  resolve(spec: SwarmServiceSpec): SwarmServiceSpec {
    const container = spec.TaskTemplate.ContainerSpec;
    const id = (kind: "secret" | "config", name: string): string => {
      const found = this.ids.get(`${kind}/${name}`);
      if (found === undefined) throw new EngineError(`${kind} ${name} is not on the swarm`, kind === "secret" ? "an external secret must be created first: `docker secret create`" : "an external config must be created first: `docker config create`");
      return found;
    };
    return {
      ...spec,
      TaskTemplate: {
        ...spec.TaskTemplate,
        ContainerSpec: {
          ...container,
          ...(container.Secrets ? { Secrets: container.Secrets.map((secret) => ({ ...secret, SecretID: id("secret", secret.SecretName) })) } : {}),
          ...(container.Configs ? { Configs: container.Configs.map((config) => ({ ...config, ConfigID: id("config", config.ConfigName) })) } : {}),
        },
      },
    };
  }
}

/** Polls until no task of the removed services is left. */
async function waitTasksGone(options: ConvergeOptions, serviceIds: readonly string[]): Promise<void> {
  const deadline = options.clock.now() + options.timeoutMs;
  const removed = new Set(serviceIds);
  for (;;) {
    const left = (await options.engine.listTasks()).filter((task) => removed.has(task.serviceId));
    if (left.length === 0) return;
    if (options.clock.now() >= deadline) throw new EngineError(`${left.length} task(s) of the removed services are still on the swarm after ${Math.round(options.timeoutMs / 1000)} s`);
    await options.clock.sleep(250, options.signal).catch(() => undefined);
    if (options.signal?.aborted) return;
  }
}

/** Runs one operation. */
export async function runSwarmOperation(engine: SwarmEngine, operation: SwarmOperation, ids: FileObjectIds, converge: ConvergeOptions): Promise<void> {
  switch (operation.kind) {
    case "create-network":
      await engine.createNetwork(operation.spec);
      return;
    case "create-file-object":
      ids.set(operation.objectKind, operation.spec.Name, await engine.createFileObject(operation.objectKind, operation.spec));
      return;
    case "create-service":
      await engine.createService(ids.resolve(operation.service.spec));
      return;
    case "update-service": {
      const spec = ids.resolve(operation.service.spec);
      await engine.updateService(operation.id, operation.version, { ...spec, TaskTemplate: { ...spec.TaskTemplate, ForceUpdate: operation.forceUpdate } });
      return;
    }
    case "wait-service":
      await waitConverged(converge, operation.serviceKey, operation.expectedHash);
      return;
    case "remove-service":
      await engine.removeService(operation.id);
      return;
    case "wait-tasks-gone":
      await waitTasksGone(converge, operation.serviceIds);
      return;
    case "remove-file-object":
      await engine.removeFileObject(operation.objectKind, operation.id);
      return;
    case "remove-network":
      await engine.removeNetwork(operation.id);
      return;
  }
}
