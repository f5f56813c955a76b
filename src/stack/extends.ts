/**
 * `extends` resolution. STUB: owned by the merge/extends helper.
 */
import type { PlainMap } from "./located.js";

/** Reads another stack file for `extends: {file}`: parsed, interpolated, paths resolved against its own directory. */
export type LoadExtendedFile = (absolutePath: string) => PlainMap;

/**
 * Replaces every service's `extends` (same file or `file:`, chains) with the
 * merged result, in place. Cycles are a ConfigError naming the chain.
 * `filePath` is the absolute path of the file `tree` was read from.
 */
export function resolveExtends(tree: PlainMap, filePath: string, loadFile: LoadExtendedFile): void {
  void tree; void filePath; void loadFile;
  throw new Error("not implemented");
}
