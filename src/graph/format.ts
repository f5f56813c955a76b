/**
 * Renderings of the dependency graph for `tsd graph --format`: a text
 * listing for people, Mermaid and Graphviz dot for diagrams, JSON for tools.
 * Every rendering is a pure function of the graph, so the same stack always
 * prints the same bytes.
 */
import { formatDot, formatMermaid } from "./format-diagram.js";
import { formatText } from "./format-text.js";
import type { StackGraph } from "./model.js";

/** Output formats of `tsd graph`. */
export type GraphFormat = "text" | "mermaid" | "dot" | "json";

/** Every format, for option parsing and help. */
export const GRAPH_FORMATS: readonly GraphFormat[] = ["text", "mermaid", "dot", "json"];

/** Renders `graph` in `format`; the result ends with a newline. */
export function formatGraph(graph: StackGraph, format: GraphFormat): string {
  switch (format) {
    case "text":
      return formatText(graph);
    case "mermaid":
      return formatMermaid(graph);
    case "dot":
      return formatDot(graph);
    case "json":
      return formatJson(graph);
  }
}

/** `{nodes, edges, order}`, two-space indented; field order is fixed by construction. */
function formatJson(graph: StackGraph): string {
  return `${JSON.stringify({ nodes: graph.nodes, edges: graph.edges, order: graph.order }, null, 2)}\n`;
}
