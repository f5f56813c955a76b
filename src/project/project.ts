/**
 * Composition root for reading a project: the loader, then the graph. Every
 * command that needs a stack goes through here, so `tsd config` rejects
 * exactly what `tsd up` would.
 */
import { ConfigError } from "../base/errors.js";
import { buildGraph } from "../graph/build.js";
import type { StackGraph } from "../graph/model.js";
import { type LoadOptions, loadStack } from "../stack/load.js";
import type { Stack } from "../stack/model.js";
import type { Locate } from "../stack/rules.js";

/** A stack that loaded, validated and has an acyclic graph. */
export interface Project {
  readonly stack: Stack;
  readonly graph: StackGraph;
  readonly warnings: readonly string[];
}

/** A freshly loaded project, with where each path of its written form was written (for verbs that point at lines, like `tsd audit`). */
export interface LocatedProject extends Project {
  readonly locate: Locate;
}

/** Loads and graphs a project; throws ConfigError listing every problem. */
export function loadProject(options: LoadOptions): LocatedProject {
  const { stack, warnings, locate } = loadStack(options);
  const graph = buildGraph(stack, locate);
  if (!graph.ok) throw new ConfigError(graph.issues);
  return { stack, graph: graph.graph, warnings, locate };
}
