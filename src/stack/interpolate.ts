/**
 * `${VAR}` interpolation with Compose's exact semantics (`$$`, `$V`, `${V}`,
 * `${V:-d}`, `${V-d}`, `${V:+a}`, `${V+a}`, `${V:?msg}`, `${V?msg}`, nesting).
 * The template language itself lives in `template.ts`; this module applies
 * it to single strings and to whole parsed stack files.
 */
import { type ConfigIssue, ConfigError, configError, formatPath } from "../base/errors.js";
import {
  type EntryKey,
  type Location,
  type Plain,
  type PlainList,
  type PlainMap,
  containerLocation,
  entryLocation,
  isList,
  isMap,
} from "./located.js";
import { type EnvLookup, TemplateError, type Warn, substitute } from "./template.js";

// Declared beside the template language that consumes them; part of this module's API too.
export type { EnvLookup, Warn } from "./template.js";

/**
 * Interpolates one template string. Throws ConfigError on malformed syntax or
 * a failed `${V:?err}` (message without location; callers add it).
 */
export function interpolateString(template: string, lookup: EnvLookup, warn: Warn): string {
  // Most values hold no `$` at all: skip the scanner for them.
  if (!template.includes("$")) return template;
  try {
    return substitute(template, lookup, warn);
  } catch (error) {
    if (error instanceof TemplateError) throw configError(error.message);
    throw error;
  }
}

/**
 * Interpolates every string value (never keys) of a parsed stack file in
 * place, keeping locations. Collects all errors and throws one ConfigError
 * with each problem located (`file:line:col path: message`).
 */
export function interpolateTree(tree: PlainMap, lookup: EnvLookup, warn: Warn): void {
  const issues: ConfigIssue[] = [];
  interpolateContainer(tree, [], containerLocation(tree), lookup, warn, issues);
  if (issues.length > 0) throw new ConfigError(issues);
}

/**
 * Walks one mapping or sequence. `fallback` is the nearest known location
 * above, used when an entry itself was not located (a value built by an
 * earlier stage without a source position).
 */
function interpolateContainer(
  container: PlainMap | PlainList,
  path: readonly EntryKey[],
  fallback: Location | undefined,
  lookup: EnvLookup,
  warn: Warn,
  issues: ConfigIssue[],
): void {
  const keys: EntryKey[] = isList(container) ? container.map((_, index) => index) : Object.keys(container);
  for (const key of keys) {
    const value = read(container, key);
    const location = entryLocation(container, key) ?? fallback;
    const entryPath = [...path, key];
    if (typeof value === "string") {
      try {
        write(container, key, interpolateString(value, lookup, warn));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        for (const issue of error.issues) {
          const located: ConfigIssue = location
            ? { location, path: formatPath(entryPath), message: issue.message }
            : { path: formatPath(entryPath), message: issue.message };
          issues.push(located);
        }
      }
    } else if (isMap(value) || isList(value)) {
      interpolateContainer(value, entryPath, containerLocation(value) ?? location, lookup, warn, issues);
    }
  }
}

function read(container: PlainMap | PlainList, key: EntryKey): Plain | undefined {
  return isList(container) ? container[key as number] : container[key as string];
}

/** Assigns in place: the location side table is keyed by container and key, so it stays valid. */
function write(container: PlainMap | PlainList, key: EntryKey, value: string): void {
  if (isList(container)) container[key as number] = value;
  else container[key as string] = value;
}
