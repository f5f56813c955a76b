/**
 * Stack → dependency graph. Every service, data container, volume, network,
 * secret and config is a node; every reason one needs another is an edge
 * (see {@link EdgeKind}). Links, volumes_from and `service:x` modes become
 * ordinary edges, as compose-go turns them into depends_on entries.
 *
 * References to things the stack does not define are skipped: the rules
 * report them before the loader ever builds a graph, and a graph of what
 * exists is still useful to print.
 */
import { DepGraph } from "dependency-graph";
import { type ConfigIssue, formatPath } from "../base/errors.js";
import type { Mount, Stack } from "../stack/model.js";
import type { Locate } from "../stack/rules.js";
import { serviceReferences } from "../stack/service-references.js";
import { type GraphEdge, type GraphNode, type NodeId, type NodeKind, type StackGraph, nodeId } from "./model.js";
import { orderGraph } from "./order.js";

export type GraphResult = { ok: true; graph: StackGraph } | { ok: false; issues: ConfigIssue[] };

/** An edge with the written path that created it, for locating cycle issues. */
interface SourcedEdge {
  edge: GraphEdge;
  readonly path: readonly (string | number)[];
}

/**
 * Builds the dependency graph (dependency-graph underneath). Implicit edges:
 * links, volumes_from, network_mode/ipc/pid `service:x`. A cycle is an issue:
 * `dependency cycle detected: a -> b -> c -> a` (deterministic: the cycle is
 * rotated to start at its smallest name). Every cycle is reported, one issue
 * per group of services that depend on each other, located at the first
 * service's reference to the second when `locate` is given.
 */
export function buildGraph(stack: Stack, locate?: Locate): GraphResult {
  const nodes = collectNodes(stack);
  const edges = collectEdges(stack, new Set(nodes.map((node) => node.id)));

  const graph = new DepGraph<GraphNode>();
  for (const node of nodes) graph.addNode(node.id, node);
  for (const { edge } of edges) graph.addDependency(edge.from, edge.to);

  const ordered = orderGraph(graph, nodes.map((node) => node.id));
  if (!ordered.ok) return { ok: false, issues: ordered.cycles.map((cycle) => cycleIssue(cycle, edges, graph, locate)) };
  return { ok: true, graph: { nodes, edges: edges.map((sourced) => sourced.edge), order: ordered.order } };
}

function collectNodes(stack: Stack): GraphNode[] {
  const sections: [NodeKind, Readonly<Record<string, unknown>>][] = [
    ["service", stack.services],
    ["dataContainer", stack.dataContainers],
    ["volume", stack.volumes],
    ["network", stack.networks],
    ["secret", stack.secrets],
    ["config", stack.configs],
  ];
  const nodes = sections.flatMap(([kind, record]) => Object.keys(record).map((key) => ({ id: nodeId(kind, key), kind, key })));
  return nodes.sort((a, b) => compare(a.id, b.id));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every edge whose ends exist, merged per (from, to, kind) and sorted. */
function collectEdges(stack: Stack, known: ReadonlySet<NodeId>): SourcedEdge[] {
  const edges = new Map<string, SourcedEdge>();
  const add = (edge: GraphEdge, path: readonly (string | number)[], merge?: (existing: GraphEdge) => GraphEdge): void => {
    if (!known.has(edge.from) || !known.has(edge.to)) return;
    const key = JSON.stringify([edge.from, edge.to, edge.kind]);
    const existing = edges.get(key);
    if (existing === undefined) edges.set(key, { edge, path });
    else if (merge) existing.edge = merge(existing.edge);
  };
  const addMounts = (from: NodeId, base: readonly (string | number)[], mounts: readonly Mount[]): void => {
    mounts.forEach((mount, index) => {
      if (mount.type !== "volume" || mount.source === undefined) return;
      const edge: GraphEdge = { from, to: nodeId("volume", mount.source), kind: "volume", readOnly: mount.readOnly, targets: [mount.target] };
      add(edge, [...base, "volumes", index], (existing) => ({
        ...existing,
        readOnly: (existing.readOnly ?? false) && mount.readOnly,
        targets: [...(existing.targets ?? []), mount.target],
      }));
    });
  };

  for (const name of Object.keys(stack.services).sort()) {
    const service = stack.services[name];
    if (!service) continue;
    const from = nodeId("service", name);
    for (const reference of serviceReferences(service)) {
      const to = nodeId(reference.dataContainer ? "dataContainer" : "service", reference.target);
      if (reference.kind === "depends_on") {
        const { dependency } = reference;
        add({ from, to, kind: "depends_on", ...(dependency ? { condition: dependency.condition, required: dependency.required } : {}) }, reference.path);
      } else if (reference.kind === "link") {
        const alias = reference.alias !== undefined && reference.alias !== reference.target ? { alias: reference.alias } : {};
        add({ from, to, kind: "link", ...alias }, reference.path);
      } else if (reference.kind === "volumes_from") {
        const readOnly = reference.readOnly ?? false;
        add({ from, to, kind: "volumes_from", readOnly }, reference.path, (existing) => ({ ...existing, readOnly: (existing.readOnly ?? false) && readOnly }));
      } else {
        add({ from, to, kind: reference.kind }, reference.path);
      }
    }
    const base = ["services", name];
    addMounts(from, base, service.volumes);
    for (const network of Object.keys(service.networks).sort()) {
      const aliases = service.networks[network]?.aliases ?? [];
      add({ from, to: nodeId("network", network), kind: "network", ...(aliases.length > 0 ? { aliases } : {}) }, [...base, "networks", network]);
    }
    for (const kind of ["secret", "config"] as const) {
      const references = kind === "secret" ? service.secrets : service.configs;
      references.forEach((reference, index) => {
        const edge: GraphEdge = { from, to: nodeId(kind, reference.source), kind, targets: [reference.target] };
        add(edge, [...base, `${kind}s`, index], (existing) => ({ ...existing, targets: [...(existing.targets ?? []), reference.target] }));
      });
    }
  }
  for (const name of Object.keys(stack.dataContainers).sort()) {
    const dataContainer = stack.dataContainers[name];
    if (dataContainer) addMounts(nodeId("dataContainer", name), ["data_containers", name], dataContainer.volumes);
  }
  return [...edges.values()].sort((a, b) => compare(a.edge.from, b.edge.from) || compare(a.edge.to, b.edge.to) || compare(a.edge.kind, b.edge.kind));
}

/** `dependency cycle detected: a -> b -> a`, located at a's first reference to b. */
function cycleIssue(cycle: readonly NodeId[], edges: readonly SourcedEdge[], graph: DepGraph<GraphNode>, locate: Locate | undefined): ConfigIssue {
  const keys = cycle.map((id) => graph.getNodeData(id).key);
  const message = `dependency cycle detected: ${[...keys, keys[0]].join(" -> ")}`;
  const from = cycle[0];
  const to = cycle[1] ?? from;
  // Edges are sorted by kind, so depends_on (the explicit form) is preferred.
  const first = edges.find(({ edge }) => edge.from === from && edge.to === to);
  if (!first) return { path: "", message };
  const location = locate?.(first.path);
  return location ? { location, path: formatPath(first.path), message } : { path: formatPath(first.path), message };
}
