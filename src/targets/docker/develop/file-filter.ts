/**
 * Which changed files a `develop.watch` rule acts on, and why the others are
 * dropped. Pure: takes paths and pattern lists, never touches the disk, so
 * the whole decision table is unit-tested.
 *
 * Order of the checks (the first that drops a file names the reason):
 * built-in noise, the rule's `ignore`, the build context's `.dockerignore`,
 * then the rule's `include` (when present, only matching files are kept).
 * `ignore` and `include` are Compose's: `.dockerignore` syntax, relative to
 * the rule's path.
 */
import { relative, sep } from "node:path";
// A CommonJS module typed with `export default`: under NodeNext the factory is `.default` (which it also sets at run time).
import dockerignore from "@balena/dockerignore";
import type { WatchRule } from "../../../stack/model.js";

/** What a rule does with one changed file. */
export type FileVerdict =
  | { readonly kind: "matched"; readonly relativePath: string }
  | { readonly kind: "outside" }
  | { readonly kind: "dropped"; readonly relativePath: string; readonly by: DropCause; readonly reason: string };

/** Which check dropped a file. */
export type DropCause = "noise" | "ignore" | "dockerignore" | "include";

/** A build context's `.dockerignore`, applied to rules whose path lies inside the context. */
export interface ContextIgnore {
  /** Absolute path of the build context. */
  readonly context: string;
  /** Its `.dockerignore` lines. */
  readonly patterns: readonly string[];
}

/** Decides, for absolute host paths, what one rule does with them. */
export type FileFilter = (absolutePath: string) => FileVerdict;

/** Editor swap, backup and lock files (vim, emacs, JetBrains, macOS Finder): never the user's content. */
const NOISE_FILE_TESTS: readonly { readonly test: (name: string) => boolean; readonly what: string }[] = [
  { test: (name) => /\.sw[a-p]$/.test(name) || name.endsWith(".swx"), what: "editor swap file" },
  { test: (name) => name.endsWith("~"), what: "editor backup file" },
  { test: (name) => name.startsWith(".#"), what: "editor lock file" },
  // vim writes and deletes `4913` to probe whether it may create files in a directory.
  { test: (name) => name === "4913", what: "editor probe file" },
  { test: (name) => name.endsWith("___jb_tmp___") || name.endsWith("___jb_old___"), what: "editor temporary file" },
  { test: (name) => name === ".DS_Store", what: "Finder metadata" },
];

/**
 * The built-in noise a path (relative to a rule's path, `/` separators)
 * belongs to, or undefined. `node_modules` is noise unless the rule asks
 * for it (`allowNodeModules`): its path lies inside one, or an `include`
 * names it.
 */
export function builtInNoise(relativePath: string, allowNodeModules: boolean): string | undefined {
  const segments = relativePath.split("/").filter((segment) => segment !== "");
  if (segments.includes(".git")) return "built-in noise: .git";
  if (!allowNodeModules && segments.includes("node_modules")) return "built-in noise: node_modules";
  const name = segments.at(-1) ?? "";
  const noise = NOISE_FILE_TESTS.find(({ test }) => test(name));
  return noise && `built-in noise: ${noise.what}`;
}

function toSlashes(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

/** `child` relative to `parent` with `/` separators, or undefined when it is not inside (or equal to) it. */
export function pathInside(parent: string, child: string): string | undefined {
  const path = toSlashes(relative(parent, child));
  if (path === "") return "";
  if (path === ".." || path.startsWith("../") || path.startsWith("/")) return undefined;
  return path;
}

/** A `.dockerignore`-syntax matcher returning the pattern that drops a path; Docker matches case-sensitively on Linux (the library defaults to ignoring case). */
function patternMatcher(patterns: readonly string[]): (path: string) => string | undefined {
  const cleaned = patterns.map((pattern) => pattern.trim()).filter((pattern) => pattern !== "" && !pattern.startsWith("#"));
  const whole = dockerignore.default({ ignorecase: false }).add([...cleaned]);
  // Each plain pattern alone, to name the one that matched (the last one written wins, as in Docker).
  const single = cleaned.filter((pattern) => !pattern.startsWith("!")).map((pattern) => ({ pattern, matcher: dockerignore.default({ ignorecase: false }).add(pattern) })).reverse();
  return (path) => {
    if (path === "" || !whole.ignores(path)) return undefined;
    return single.find(({ matcher }) => matcher.ignores(path))?.pattern ?? cleaned[0];
  };
}

/** The filter of one rule; `contextIgnore` when the service builds from a context with a `.dockerignore`. */
export function createFileFilter(rule: WatchRule, contextIgnore?: ContextIgnore): FileFilter {
  const allowNodeModules = rule.include.some((pattern) => pattern.includes("node_modules"));
  const ignoredBy = patternMatcher(rule.ignore);
  const includedBy = rule.include.length > 0 ? patternMatcher(rule.include) : undefined;
  const contextPrefix = contextIgnore && pathInside(contextIgnore.context, rule.path);
  const dockerignoredBy = contextIgnore && contextPrefix !== undefined ? patternMatcher(contextIgnore.patterns) : undefined;

  return (absolutePath) => {
    const relativePath = pathInside(rule.path, absolutePath);
    if (relativePath === undefined) return { kind: "outside" };
    const dropped = (by: DropCause, reason: string): FileVerdict => ({ kind: "dropped", relativePath, by, reason });
    const noise = builtInNoise(relativePath, allowNodeModules);
    if (noise) return dropped("noise", noise);
    const ignore = ignoredBy(relativePath);
    if (ignore !== undefined) return dropped("ignore", `ignore "${ignore}"`);
    if (dockerignoredBy && contextPrefix !== undefined) {
      const inContext = contextPrefix === "" ? relativePath : relativePath === "" ? contextPrefix : `${contextPrefix}/${relativePath}`;
      const pattern = dockerignoredBy(inContext);
      if (pattern !== undefined) return dropped("dockerignore", `.dockerignore "${pattern}"`);
    }
    // A rule whose path is the file itself has nothing to match `include` against.
    if (includedBy && relativePath !== "" && includedBy(relativePath) === undefined) return dropped("include", `not in include (${rule.include.join(", ")})`);
    return { kind: "matched", relativePath };
  };
}
