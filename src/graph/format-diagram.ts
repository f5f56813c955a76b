/**
 * Diagram renderings: Mermaid (`flowchart LR`) and Graphviz dot. Shapes tell
 * the node kinds apart; edges point from the dependant to what it needs and
 * are labelled with their kind. Edges to volumes, networks, secrets and
 * configs are dashed so the start-order edges between containers stand out.
 *
 * Names are escaped: service names may hold dots and dashes, and nothing a
 * user writes may break out of a quoted label.
 */
import type { EdgeKind, GraphNode, NodeKind, StackGraph } from "./model.js";

/** Edges to resources rather than to containers. */
function isResourceEdge(kind: EdgeKind): boolean {
  return kind === "volume" || kind === "network" || kind === "secret" || kind === "config";
}

/** `flowchart LR` with one node per graph node and labelled edges. */
export function formatMermaid(graph: StackGraph): string {
  const lines = ["flowchart LR"];
  for (const node of graph.nodes) lines.push(`  ${mermaidId(node.id)}${mermaidShape(node.kind, mermaidLabel(node.key))}`);
  for (const edge of graph.edges) {
    const arrow = isResourceEdge(edge.kind) ? "-.->" : "-->";
    lines.push(`  ${mermaidId(edge.from)} ${arrow}|${edge.kind}| ${mermaidId(edge.to)}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A Mermaid node id from a graph id: letters and digits kept, every other
 * character written as `_<hex>_`. Injective (a literal `_` is escaped too),
 * so `a.b` and `a-b` never collide, and no id is a Mermaid keyword.
 */
function mermaidId(id: string): string {
  const [kind, ...rest] = id.split(":");
  const key = rest.join(":");
  const escaped = [...key].map((char) => (/^[A-Za-z0-9]$/.test(char) ? char : `_${(char.codePointAt(0) ?? 0).toString(16)}_`)).join("");
  return `${kind ?? "node"}_${escaped}`;
}

/** A quoted label: `"` and `#` as Mermaid entity codes, `<`/`>` so they are not read as HTML. */
function mermaidLabel(text: string): string {
  const escaped = text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
  return `"${escaped}"`;
}

function mermaidShape(kind: NodeKind, label: string): string {
  switch (kind) {
    case "service":
      return `[${label}]`;
    case "dataContainer":
      return `[[${label}]]`;
    case "volume":
      return `[(${label})]`;
    case "network":
      return `{{${label}}}`;
    case "secret":
      return `>${label}]`;
    case "config":
      return `[/${label}/]`;
  }
}

/** A `digraph` with one statement per line; ids are the graph ids, quoted. */
export function formatDot(graph: StackGraph): string {
  const lines = ["digraph stack {", "  rankdir=LR;"];
  for (const node of graph.nodes) lines.push(`  ${dotString(node.id)} [label=${dotString(node.key)}, shape=${dotShape(node)}];`);
  for (const edge of graph.edges) {
    const style = isResourceEdge(edge.kind) ? ", style=dashed" : "";
    lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)} [label=${dotString(edge.kind)}${style}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** A double-quoted dot string: backslashes, quotes and line breaks escaped. */
function dotString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

function dotShape(node: GraphNode): string {
  switch (node.kind) {
    case "service":
      return "box";
    case "dataContainer":
      return "box3d";
    case "volume":
      return "cylinder";
    case "network":
      return "hexagon";
    case "secret":
      return "octagon";
    case "config":
      return "note";
  }
}
