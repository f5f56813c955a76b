/**
 * Resolving relative paths in a stack file. STUB: owned by the merge/extends helper.
 */
import type { PlainMap } from "./located.js";

/**
 * Rewrites, in place, every relative host path of a stack file to an absolute
 * one against `baseDir` (and `~` against the home directory): build.context
 * (URLs kept), env_file, bind-mount sources (short and long syntax), label_file,
 * develop.watch paths, top-level secrets/configs `file`, data_containers
 * volumes, extends.file. Values of the wrong shape are left for validation.
 */
export function resolveRelativePaths(tree: PlainMap, baseDir: string): void {
  void tree; void baseDir;
  throw new Error("not implemented");
}
