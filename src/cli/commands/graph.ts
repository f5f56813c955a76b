/**
 * `tsd graph`: the dependency graph in text, Mermaid, Graphviz dot or JSON.
 */
import { type GraphFormat, formatGraph } from "../../graph/format.js";
import { loadProject } from "../../project/project.js";
import { type StackOptions, printWarnings, toLoadOptions } from "../stack-options.js";

/** Options of `tsd graph`. */
export interface GraphOptions extends StackOptions {
  readonly format: GraphFormat;
}

/** Runs `tsd graph`. */
export function runGraph(options: GraphOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): void {
  const { graph, warnings } = loadProject(toLoadOptions(options));
  printWarnings(warnings, err);
  const text = formatGraph(graph, options.format);
  out.write(text.endsWith("\n") ? text : `${text}\n`);
}
