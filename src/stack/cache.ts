/**
 * The stack cache: a loaded stack kept on disk with everything its load
 * depended on, so that the next `tsd up`/`ps`/`down` on an unchanged project
 * skips parsing, validating and normalising (most of a no-op `up`'s time).
 *
 * An entry holds, besides the stack and its warnings:
 *  - every host answer the load got (stack.host.ts): the digest of each file
 *    read (stack files, include/extends targets, env files), the kind of
 *    each path probed (discovery candidates, `.env`, optional env files, even
 *    those that were missing), real paths and the home directory;
 *  - every variable the load looked up in the caller's environment, with its
 *    value (or its absence).
 * An entry is used only when all of them still hold. Entries are keyed by
 * tsd's build and by the command-line options, so a different `-f`, `-p`,
 * `--profile`, `--env-file` or working directory never shares one. Failed
 * loads are never cached: errors are always found afresh.
 *
 * This module must stay light: it is loaded on every engine command, and the
 * loader (yaml, zod) only on a miss.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { type HostFact, factHolds } from "./host.js";
import type { LoadOptions } from "./load.js";
import type { Stack } from "./model.js";

/** Where entries live, and which build of tsd wrote them. */
export interface StackCacheSettings {
  readonly directory: string;
  /** Changes with every build of tsd: an entry is only read by the build that wrote it. */
  readonly buildId: string;
}

/** What a load produced, as the cache keeps it. */
export interface CachedLoad {
  readonly stack: Stack;
  readonly warnings: readonly string[];
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Every variable a load looked up, and what it saw. */
export interface VariableLookups {
  readonly seen: ReadonlyMap<string, string | undefined>;
  /** Set when the load listed the environment instead of looking names up: such a load is not cached. */
  readonly enumerated: boolean;
}

interface Entry {
  readonly format: typeof ENTRY_FORMAT;
  readonly key: string;
  readonly facts: readonly HostFact[];
  readonly variables: readonly (readonly [string, string | undefined])[];
  readonly load: CachedLoad;
}

const ENTRY_FORMAT = 1;
/** Past this many entries, a write drops the older half (by when they were written). */
const MAX_ENTRIES = 256;

/** An environment that writes down every name looked up in it. */
export function recordingEnvironment(environment: Environment): { environment: Environment; lookups: () => VariableLookups } {
  const seen = new Map<string, string | undefined>();
  let enumerated = false;
  const recording = new Proxy(environment, {
    get: (target, name) => {
      if (typeof name !== "string") return undefined;
      const value = target[name];
      seen.set(name, value);
      return value;
    },
    has: (target, name) => {
      if (typeof name === "string") seen.set(name, target[name]);
      return name in target;
    },
    ownKeys: (target) => {
      enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
  return { environment: recording, lookups: () => ({ seen, enumerated }) };
}

/** The cached load for these options, when nothing it depended on changed. */
export function readCachedLoad(settings: StackCacheSettings, options: LoadOptions, environment: Environment): CachedLoad | undefined {
  const key = keyOf(settings, options);
  const file = entryFile(settings, key);
  let entry: Entry;
  try {
    entry = deserialize(readFileSync(file)) as Entry;
  } catch {
    return undefined;
  }
  if (entry?.format !== ENTRY_FORMAT || entry.key !== key) return undefined;
  if (!entry.variables.every(([name, value]) => environment[name] === value)) return undefined;
  if (!entry.facts.every(factHolds)) return undefined;
  return entry.load;
}

/** Keeps a successful load. Best effort: a cache that cannot be written only costs speed. */
export function writeCachedLoad(
  settings: StackCacheSettings,
  options: LoadOptions,
  facts: readonly HostFact[],
  lookups: VariableLookups,
  load: CachedLoad,
): void {
  if (lookups.enumerated) return;
  const key = keyOf(settings, options);
  const entry: Entry = { format: ENTRY_FORMAT, key, facts, variables: [...lookups.seen], load };
  try {
    mkdirSync(settings.directory, { recursive: true, mode: 0o700 });
    pruneEntries(settings.directory);
    const file = entryFile(settings, key);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(entry), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // Read-only home, full disk: tsd works the same without its cache.
  }
}

function keyOf(settings: StackCacheSettings, options: LoadOptions): string {
  const inputs = [
    settings.buildId,
    options.cwd,
    options.files ?? [],
    options.projectName ?? null,
    options.projectDirectory ?? null,
    options.profiles ?? [],
    options.envFiles ?? [],
  ];
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex").slice(0, 32);
}

function entryFile(settings: StackCacheSettings, key: string): string {
  return join(settings.directory, `${key}.stack`);
}

function pruneEntries(directory: string): void {
  const names = readdirSync(directory).filter((name) => name.endsWith(".stack"));
  if (names.length < MAX_ENTRIES) return;
  const byAge = names
    .map((name) => ({ name, used: statSync(join(directory, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => a.used - b.used);
  for (const { name } of byAge.slice(0, names.length - MAX_ENTRIES / 2)) rmSync(join(directory, name), { force: true });
}
