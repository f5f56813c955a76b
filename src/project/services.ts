/**
 * The services a stack-level verb names, checked and ordered: `tsd stop db
 * web`, `tsd logs` (all services). Shared by every use case and target so
 * they agree on names, order and the unknown-service error.
 */
import { UsageError } from "../base/errors.js";
import type { Project } from "./project.js";

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
