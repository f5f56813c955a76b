/**
 * Top-level `include:` — other projects' stack files pulled into this one.
 * Each included project is loaded on its own (its own project directory for
 * relative paths, its own env files for interpolation) and then merged under
 * the including file, whose definitions win.
 */
import { dirname } from "node:path";
import { ConfigError, type ConfigIssue, formatPath } from "../base/errors.js";
import { type Location, type Plain, type PlainMap, copyContainerLocation, copyEntry, entryLocation, isList, isMap } from "./located.js";
import { mergeStackFiles } from "./merge.js";
import { isRemoteResource } from "./paths.js";

/** One `include:` entry in long form (paths already absolute). */
export interface IncludeEntry {
  readonly paths: readonly string[];
  readonly projectDirectory: string;
  /** Explicit env files; absent: the included project's own `.env`. */
  readonly envFiles?: readonly string[];
  /** Where the entry was written, for errors about the files it names. */
  readonly location?: Location;
  readonly path: string;
}

/** Loads an included project's files, merged, with their own directory and environment. */
export type LoadIncludedProject = (entry: IncludeEntry) => PlainMap;

/** Removes `include` from `tree` and returns the tree with every included project merged under it. */
export function resolveIncludes(tree: PlainMap, loadIncluded: LoadIncludedProject): PlainMap {
  if (!Object.hasOwn(tree, "include")) return tree;
  const entries = parseIncludeEntries(tree);
  let merged: PlainMap = {};
  for (const entry of entries) merged = mergeStackFiles(merged, loadIncluded(entry));
  // The including file's own definitions win over what it includes.
  return mergeStackFiles(merged, withoutInclude(tree));
}

/** A copy of `tree` without `include`, keeping where each top-level entry was written. */
function withoutInclude(tree: PlainMap): PlainMap {
  const copy: PlainMap = {};
  for (const key of Object.keys(tree)) {
    if (key === "include") continue;
    copy[key] = tree[key] as Plain;
    copyEntry(tree, key, copy);
  }
  copyContainerLocation(tree, copy);
  return copy;
}

function parseIncludeEntries(tree: PlainMap): IncludeEntry[] {
  const value = tree.include;
  const issues: ConfigIssue[] = [];
  const entries: IncludeEntry[] = [];
  if (!isList(value)) {
    throw new ConfigError([{ location: entryLocation(tree, "include"), path: "include", message: "must be a list of files or {path, env_file, project_directory} entries" }]);
  }
  value.forEach((item, index) => {
    const path = ["include", index];
    const location = entryLocation(value, index);
    const problem = (message: string, at: (string | number)[] = path) => issues.push({ location, path: formatPath(at), message });
    if (typeof item === "string") {
      if (isRemoteResource(item)) return problem(remoteMessage(item));
      entries.push({ paths: [item], projectDirectory: dirname(item), path: formatPath(path), ...(location ? { location } : {}) });
      return;
    }
    if (!isMap(item)) return problem("must be a file path or a mapping with `path`");
    for (const key of Object.keys(item)) {
      if (!["path", "env_file", "project_directory"].includes(key) && !key.startsWith("x-")) {
        problem(`unknown key "${key}" (expected path, env_file, project_directory)`, [...path, key]);
      }
    }
    const paths = stringList(item.path);
    if (!paths || paths.length === 0) return problem("`path` is required: a file or a list of files", [...path, "path"]);
    const remote = paths.find(isRemoteResource);
    if (remote !== undefined) return problem(remoteMessage(remote), [...path, "path"]);
    const envFiles = item.env_file === undefined ? undefined : stringList(item.env_file);
    if (envFiles === null) return problem("`env_file` must be a file or a list of files", [...path, "env_file"]);
    const projectDirectory = item.project_directory;
    if (projectDirectory !== undefined && typeof projectDirectory !== "string") {
      return problem("`project_directory` must be a path", [...path, "project_directory"]);
    }
    entries.push({
      paths,
      projectDirectory: projectDirectory ?? dirname(paths[0] as string),
      ...(envFiles ? { envFiles } : {}),
      path: formatPath(path),
      ...(location ? { location } : {}),
    });
  });
  if (issues.length > 0) throw new ConfigError(issues);
  return entries;
}

function remoteMessage(path: string): string {
  return `not supported by tsd: remote resources (${JSON.stringify(path)}; only local files can be included)`;
}

function stringList(value: Plain | undefined): string[] | null {
  if (typeof value === "string") return [value];
  if (isList(value) && value.every((item) => typeof item === "string")) return value as string[];
  return null;
}
