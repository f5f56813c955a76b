/**
 * Which containers a stack-level verb acts on: `tsd stop db web`,
 * `tsd exec --index 2 web …`, `tsd logs` (all services). Shared by every
 * operate verb so they agree on names, order and the unknown-service error.
 */
import type { Engine } from "../../../docker-api/engine.js";
import { LABEL_KIND, LABEL_PROJECT, LABEL_PROJECT_ID, LABEL_SERVICE } from "../../../base/labels.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import { UsageError } from "../../../base/errors.js";
import { checkServiceNames } from "../../../project/services.js";
import type { Project } from "../../../project/project.js";
import { replicaOf } from "../../../base/labels.js";

/** Label filter of this project's service containers (not data containers, not other folders' same-named projects). */
export function serviceContainerFilter(project: Project): Record<string, string> {
  return { [LABEL_PROJECT]: project.stack.name, [LABEL_PROJECT_ID]: project.stack.projectId, [LABEL_KIND]: "service" };
}

/** What a container verb works on: the project and the engine it runs on. */
export interface DockerScope {
  readonly project: Project;
  readonly engine: Engine;
}

/** Groups of containers per service, in the order given, replicas by number. */
export interface ServiceContainers {
  readonly service: string;
  readonly containers: readonly ObservedContainer[];
}

/**
 * The containers of each service (one engine list call). `index` picks one
 * replica (Compose's `--index`, from 1).
 */
export async function containersByService(engine: Engine, project: Project, services: readonly string[], options: { readonly index?: number } = {}): Promise<ServiceContainers[]> {
  const all = await engine.listContainers(serviceContainerFilter(project));
  return services.map((service) => {
    const containers = all
      .filter((container) => container.labels[LABEL_SERVICE] === service)
      .filter((container) => options.index === undefined || replicaOf(container) === options.index)
      .sort((a, b) => (replicaOf(a) ?? 0) - (replicaOf(b) ?? 0));
    return { service, containers };
  });
}

/** The one container `exec`, `cp`, `port`, `export`, `commit` act on; a clear error when it does not exist. */
export async function oneServiceContainer(engine: Engine, project: Project, service: string, index = 1): Promise<ObservedContainer> {
  checkServiceNames(project, [service]);
  const [group] = await containersByService(engine, project, [service], { index });
  const container = group?.containers[0];
  if (!container) throw new UsageError(`service ${service} has no container${index === 1 ? "" : ` with index ${index}`}`, "start it with `tsd up`");
  return container;
}
