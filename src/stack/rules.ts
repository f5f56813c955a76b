/**
 * Cross-reference rules on the canonical stack. STUB: owned by the graph/rules helper.
 */
import type { ConfigIssue } from "../errors.js";
import type { Location } from "./located.js";
import type { Stack } from "./model.js";

/** Locates a path of the written tree (e.g. `["services","web","depends_on","db"]`). */
export type Locate = (path: readonly (string | number)[]) => Location | undefined;

/**
 * Every cross-reference problem, sorted: undefined service / data container /
 * network / volume / secret / config; two services publishing the same host
 * IP:port; duplicate container_name; container_name with replicas > 1.
 */
export function checkReferences(stack: Stack, locate: Locate): ConfigIssue[] {
  void stack; void locate;
  throw new Error("not implemented");
}
