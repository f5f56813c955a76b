/**
 * Which containers a stack-level verb acts on: `tsd stop db web`,
 * `tsd exec --index 2 web …`, `tsd logs` (all services). Shared by every
 * operate verb so they agree on names, order and the unknown-service error.
 */
import type { Engine } from "../../../docker-api/engine.js";
import { LABEL_KIND, LABEL_PROJECT, LABEL_PROJECT_ID, LABEL_SERVICE } from "../../../base/labels.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import { UsageError } from "../../../base/errors.js";
import type { Project } from "../../../project/project.js";
import { replicaOf } from "../../../base/labels.js";

/**
 * Throws "no such service: X (services: a, b, c)" for a name the stack does
 * not define. Call it before any engine call: a typo touches nothing.
 */
export function checkServiceNames(project: Project, services: readonly string[]): void {
  const known = Object.keys(project.stack.services).sort();
  const unknown = services.filter((service) => !(service in project.stack.services));
  if (unknown.length === 0) return;
  const listed = known.length > 0 ? known.join(", ") : "none";
  throw new UsageError(unknown.map((service) => `no such service: ${service} (services: ${listed})`).join("\n"));
}

/**
 * The services to act on, in dependency order (dependencies first), or
 * reversed (dependents first: stop, kill, rm). Empty `services`: all of them.
 */
export function servicesInOrder(project: Project, services: readonly string[], direction: "dependencies-first" | "dependents-first"): string[] {
  checkServiceNames(project, services);
  const wanted = new Set(services.length > 0 ? services : Object.keys(project.stack.services));
  const ordered = project.graph.order.filter((id) => id.startsWith("service:")).map((id) => id.slice("service:".length)).filter((service) => wanted.has(service));
  // The graph orders every service; this only guards against a service missing from it.
  for (const service of [...wanted].sort()) if (!ordered.includes(service)) ordered.push(service);
  return direction === "dependencies-first" ? ordered : ordered.reverse();
}

/** Label filter of this project's service containers (not data containers, not other folders' same-named projects). */
export function serviceContainerFilter(project: Project): Record<string, string> {
  return { [LABEL_PROJECT]: project.stack.name, [LABEL_PROJECT_ID]: project.stack.projectId, [LABEL_KIND]: "service" };
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
