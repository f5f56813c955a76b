/**
 * `tsd graph`: the dependency graph in text, Mermaid, Graphviz dot or JSON.
 */
import { graphText } from "../../app/stack-reading.js";
import type { GraphFormat } from "../../graph/format.js";
import { commandBus } from "../session.js";
import { type StackOptions, toLoadOptions } from "../stack-options.js";

/** Options of `tsd graph`. */
export interface GraphOptions extends StackOptions {
  readonly format: GraphFormat;
}

/** Runs `tsd graph`. */
export function runGraph(options: GraphOptions): void {
  const out = process.stdout;
  const text = graphText({ load: toLoadOptions(options), target: "docker", emit: commandBus({}).publish }, options.format);
  out.write(text.endsWith("\n") ? text : `${text}\n`);
}
