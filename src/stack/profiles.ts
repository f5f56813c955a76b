/**
 * Profile selection. STUB: owned by the graph/rules helper.
 */
import type { ConfigIssue } from "../errors.js";
import type { Stack } from "./model.js";
import type { Locate } from "./rules.js";

export type ProfileResult = { ok: true; stack: Stack } | { ok: false; issues: ConfigIssue[] };

/**
 * Keeps services with no profiles or an active profile (`*` activates all).
 * An enabled service depending on a disabled one is an issue naming both,
 * unless the dependency has `required: false` (then the edge is dropped).
 */
export function applyProfiles(stack: Stack, activeProfiles: readonly string[], locate: Locate): ProfileResult {
  void stack; void activeProfiles; void locate;
  throw new Error("not implemented");
}
