/**
 * Walking a set of services in dependency order with as much parallelism as
 * the graph allows: a service's action runs once the actions of every
 * selected service it (transitively) depends on are done — or, walking
 * dependents first, of every selected service that depends on it. Services
 * with no such relation run side by side.
 */
import { EngineError } from "../base/errors.js";
import type { Project } from "./project.js";

/** Which way the walk goes: `start` and `restart` dependencies first; `stop`, `kill`, `rm` dependents first. */
export type WalkDirection = "dependencies-first" | "dependents-first";

/**
 * Runs `action` for each of `services` in `direction`. A service whose
 * predecessor failed is skipped; every failure is reported once, together,
 * after everything that could run has run (Compose goes on with unrelated
 * services too).
 */
export async function walkServices(
  project: Project,
  services: readonly string[],
  direction: WalkDirection,
  action: (service: string) => Promise<void>,
): Promise<void> {
  const predecessors = orderingConstraints(project, services, direction);
  const runs = new Map<string, Promise<void>>();
  const run = (service: string): Promise<void> => {
    let pending = runs.get(service);
    if (!pending) {
      pending = Promise.all((predecessors.get(service) ?? []).map(run)).then(() => action(service));
      runs.set(service, pending);
    }
    return pending;
  };
  const outcomes = await Promise.allSettled(services.map(run));
  // A skipped dependent rejects with its predecessor's error: report each error once.
  const failures = [...new Set(outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : [])))];
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new EngineError(failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join("\n"));
  }
}

/** For each selected service, the selected services that must be done before it. */
function orderingConstraints(project: Project, services: readonly string[], direction: WalkDirection): Map<string, string[]> {
  const selected = new Set(services);
  const dependsOn = new Map<string, string[]>();
  for (const service of services) {
    const reachable = transitiveDependencies(project, `service:${service}`);
    dependsOn.set(service, services.filter((other) => other !== service && reachable.has(`service:${other}`)));
  }
  if (direction === "dependencies-first") return dependsOn;
  const dependents = new Map<string, string[]>(services.map((service) => [service, []]));
  for (const [service, dependencies] of dependsOn) {
    for (const dependency of dependencies) if (selected.has(dependency)) dependents.get(dependency)?.push(service);
  }
  return dependents;
}

/**
 * Every node `from` depends on, through any edge (depends_on, links,
 * volumes_from, shared namespaces) and through services that are not
 * selected: `tsd stop db web` stops web before db even when only `api`
 * sits between them.
 */
function transitiveDependencies(project: Project, from: string): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string): void => {
    for (const edge of project.graph.edges) {
      if (edge.from !== id || seen.has(edge.to)) continue;
      seen.add(edge.to);
      visit(edge.to);
    }
  };
  visit(from);
  return seen;
}
