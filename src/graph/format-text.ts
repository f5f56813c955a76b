/**
 * The default `tsd graph` rendering: every node in start order, each with
 * what it needs, e.g.
 *
 * ```
 * network default
 * volume data
 *
 * service db
 *   network     network default
 *   volume      volume data at /var/lib/postgresql/data
 *
 * service web
 *   depends_on  service db (service_healthy)
 *   link        service db as database
 * ```
 *
 * Nodes without dependencies are listed together; a node with dependencies
 * is its own paragraph. The kind column is aligned across the whole output.
 */
import { EDGE_KINDS, type GraphEdge, type GraphNode, type NodeKind, type StackGraph } from "./model.js";

/** How a node kind reads in prose. */
export function nodeKindLabel(kind: NodeKind): string {
  return kind === "dataContainer" ? "data container" : kind;
}

/** Renders the graph as an aligned, human-readable listing. */
export function formatText(graph: StackGraph): string {
  if (graph.nodes.length === 0) return "(empty stack: no services, data containers or resources)\n";
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
  const width = Math.max(0, ...graph.edges.map((edge) => edge.kind.length));

  const blocks = graph.order.map((id) => {
    const node = byId.get(id);
    const header = node ? describe(node) : id;
    const edges = [...(outgoing.get(id) ?? [])].sort(
      (a, b) => EDGE_KINDS.indexOf(a.kind) - EDGE_KINDS.indexOf(b.kind) || (a.to < b.to ? -1 : a.to > b.to ? 1 : 0),
    );
    const lines = edges.map((edge) => {
      const target = byId.get(edge.to);
      return `  ${edge.kind.padEnd(width)}  ${target ? describe(target) : edge.to}${details(edge)}`;
    });
    return [header, ...lines];
  });

  const out: string[] = [];
  blocks.forEach((block, index) => {
    const previous = blocks[index - 1];
    if (previous && (previous.length > 1 || block.length > 1)) out.push("");
    out.push(...block);
  });
  return `${out.join("\n")}\n`;
}

function describe(node: GraphNode): string {
  return `${nodeKindLabel(node.kind)} ${node.key}`;
}

/** The part after the target: condition, alias, mount paths. */
function details(edge: GraphEdge): string {
  switch (edge.kind) {
    case "depends_on": {
      const parts = [edge.condition ?? "service_started", ...(edge.required === false ? ["optional"] : [])];
      return ` (${parts.join(", ")})`;
    }
    case "link":
      return edge.alias !== undefined ? ` as ${edge.alias}` : "";
    case "volumes_from":
      return edge.readOnly ? " (read-only)" : "";
    case "volume":
      return `${mountedAt(edge)}${edge.readOnly ? " (read-only)" : ""}`;
    case "network":
      return edge.aliases && edge.aliases.length > 0 ? ` (aliases: ${edge.aliases.join(", ")})` : "";
    case "secret":
    case "config":
      return mountedAt(edge);
    case "network_mode":
    case "ipc":
    case "pid":
      return "";
  }
}

function mountedAt(edge: GraphEdge): string {
  return edge.targets && edge.targets.length > 0 ? ` at ${edge.targets.join(", ")}` : "";
}
