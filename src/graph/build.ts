/**
 * Stack → graph. STUB: owned by the graph/rules helper.
 */
import type { ConfigIssue } from "../errors.js";
import type { Stack } from "../stack/model.js";
import type { StackGraph } from "./model.js";

export type GraphResult = { ok: true; graph: StackGraph } | { ok: false; issues: ConfigIssue[] };

/**
 * Builds the dependency graph (dependency-graph underneath). Implicit edges:
 * links, volumes_from, network_mode/ipc/pid `service:x`. A cycle is an issue:
 * `dependency cycle detected: a -> b -> c -> a` (deterministic: the cycle is
 * rotated to start at its smallest name).
 */
export function buildGraph(stack: Stack): GraphResult {
  void stack;
  throw new Error("not implemented");
}
