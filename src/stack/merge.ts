/**
 * Merging stack files with Compose's rules. STUB: owned by the merge/extends helper.
 */
import type { PlainMap } from "./located.js";

/**
 * Merges `override` onto `base` (both whole stack files, interpolated, paths
 * already resolved) and returns a new tree; inputs are not modified. Honours
 * `!reset` / `!override` tags on the override side. Locations of every kept
 * value are preserved, so errors name the file a value came from.
 */
export function mergeStackFiles(base: PlainMap, override: PlainMap): PlainMap {
  void base; void override;
  throw new Error("not implemented");
}

/** Applies leftover `!reset` tags (deletes the tagged entries) after the last merge. In place. */
export function applyResetTags(tree: PlainMap): void {
  void tree;
  throw new Error("not implemented");
}
