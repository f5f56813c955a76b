/**
 * Which services and data containers an `up` converges (the ones named and
 * everything they depend on), in dependency order, and which of them share
 * a container's namespaces or volumes.
 */
import type { EdgeKind, StackGraph } from "../../../graph/model.js";
import { UsageError } from "../../../base/errors.js";
import type { Stack } from "../../../stack/model.js";

/** A service or data container. */
export interface Unit {
  readonly kind: "service" | "dataContainer";
  readonly key: string;
}

/** Edges that need the target container itself (not just its readiness). */
const CONTAINER_EDGES: ReadonlySet<EdgeKind> = new Set(["link", "volumes_from", "network_mode", "ipc", "pid"]);

/** The units to converge, dependencies first. `selected` empty: every service. */
export function convergedUnits(stack: Stack, graph: StackGraph, selected: readonly string[]): Unit[] {
  for (const name of selected) {
    if (!stack.services[name]) throw new UsageError(`no such service: ${name}`, `services of this stack: ${Object.keys(stack.services).sort().join(", ")}`);
  }
  const roots = selected.length > 0 ? selected.map((name) => `service:${name}`) : graph.nodes.filter((node) => node.kind === "service" || node.kind === "dataContainer").map((node) => node.id);
  const wanted = new Set<string>();
  const visit = (id: string): void => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const edge of graph.edges) if (edge.from === id && isUnitId(edge.to)) visit(edge.to);
  };
  roots.forEach(visit);
  return graph.order.filter((id) => wanted.has(id) && isUnitId(id)).map(toUnit);
}

/** The units `serviceKey`'s containers link to or share volumes / namespaces with, and how. */
export function sharedDependencies(graph: StackGraph, serviceKey: string): { unit: string; edge: EdgeKind }[] {
  const from = `service:${serviceKey}`;
  return graph.edges
    .filter((edge) => edge.from === from && CONTAINER_EDGES.has(edge.kind) && isUnitId(edge.to))
    .map((edge) => ({ unit: edge.to, edge: edge.kind }));
}

function isUnitId(id: string): boolean {
  return id.startsWith("service:") || id.startsWith("dataContainer:");
}

function toUnit(id: string): Unit {
  const separator = id.indexOf(":");
  return { kind: id.slice(0, separator) as Unit["kind"], key: id.slice(separator + 1) };
}
