/**
 * The loader: stack files on disk → canonical, checked `Stack`.
 *
 *   read → interpolate (per file) → relative paths → include → extends
 *   → merge files → validate (zod) → normalise → profiles → references
 *
 * Every stage takes values and returns values; this module only wires them
 * and decides which environment and directory each file is read with.
 */
import { dirname } from "node:path";
import { ConfigError, type ConfigIssue } from "../base/errors.js";
import { discoverFiles } from "./discover.js";
import { resolveExtends } from "./extends.js";
import { type IncludeEntry, resolveIncludes } from "./include.js";
import { type EnvLookup, type Warn, interpolateTree } from "./interpolate.js";
import { type PlainMap, isMap, locatePath } from "./located.js";
import { applyResetTags, mergeStackFiles } from "./merge.js";
import type { Stack } from "./model.js";
import { normalizeStack } from "./normalize.js";
import { resolveRelativePaths } from "./paths.js";
import { applyProfiles, unknownProfileWarnings } from "./profiles.js";
import { loadProjectEnvironment } from "./project-env.js";
import { directoryName, projectIdentity, resolveProjectName } from "./project-name.js";
import { readStackFile } from "./read.js";
import { type Locate, checkReferences } from "./rules.js";
import { validateStackFile } from "./schema.js";

/** What the user asked for on the command line (and where they asked it). */
export interface LoadOptions {
  /** Directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  /** `-f` files, in order; empty: discover. */
  readonly files?: readonly string[];
  /** `-p`. */
  readonly projectName?: string;
  /** `--project-directory`. */
  readonly projectDirectory?: string;
  /** `--profile`; empty: TSD_PROFILES / COMPOSE_PROFILES. */
  readonly profiles?: readonly string[];
  /** `--env-file`, in order; empty: the project's `.env`. */
  readonly envFiles?: readonly string[];
  /** The caller's environment (defaults to `process.env`). */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** A loaded stack with what the later stages need to report on it. */
export interface LoadedStack {
  readonly stack: Stack;
  /** De-duplicated warnings, in the order they were first raised. */
  readonly warnings: readonly string[];
  /** Locates a path of the merged written form (for later, located errors). */
  readonly locate: Locate;
}

/** Loads, validates and normalises a stack. Throws ConfigError with every problem found. */
export function loadStack(options: LoadOptions): LoadedStack {
  const shell = options.environment ?? process.env;
  const warnings = new WarningSet();
  const discovered = discoverFiles(options.cwd, options.files ?? [], options.projectDirectory);
  const identity = projectIdentity(discovered.projectDir);
  const environment = loadProjectEnvironment(shell, discovered.projectDir, options.envFiles ?? [], options.cwd);
  const reader = new FileReader(shell, warnings.add);

  let tree: PlainMap | undefined;
  discovered.files.forEach((file, index) => {
    const fileTree = reader.load(file, { lookup: environment.lookup, baseDir: discovered.projectDir, chain: [] });
    if (fileTree === undefined) {
      // An empty override is harmless; an empty first file is a mistake.
      if (index === 0) throw new ConfigError([{ location: { file, line: 1, column: 1 }, path: "", message: "empty stack file" }]);
      return;
    }
    tree = tree === undefined ? fileTree : mergeStackFiles(tree, fileTree);
  });
  const merged = tree ?? {};
  applyResetTags(merged);
  const locate: Locate = (path) => locatePath(merged, path);

  const profiles = activeProfiles(options.profiles ?? [], environment.lookup);
  const validation = validateStackFile(merged, { inactiveServices: inactiveServices(merged, profiles) });
  if (!validation.ok) throw new ConfigError(validation.issues);
  validation.warnings.forEach(warnings.add);

  const topLevelName = typeof merged.name === "string" ? merged.name : undefined;
  const name = resolveProjectName([
    { source: "-p", value: options.projectName },
    { source: "TSD_PROJECT_NAME", value: environment.lookup("TSD_PROJECT_NAME") },
    { source: "COMPOSE_PROJECT_NAME", value: environment.lookup("COMPOSE_PROJECT_NAME") },
    { source: "name", value: topLevelName, location: locate(["name"]) },
    { source: "directory", value: directoryName(identity.realDir) },
  ]);

  const normalized = normalizeStack(validation.stackFile, {
    name,
    projectId: identity.projectId,
    projectDir: identity.realDir,
    files: [...reader.files],
    envFiles: [...environment.files, ...reader.envFiles],
    profiles,
    lookup: environment.lookup,
    locate,
  });
  if (!normalized.ok) throw new ConfigError(normalized.issues);
  normalized.warnings.forEach(warnings.add);

  unknownProfileWarnings(normalized.stack, profiles).forEach(warnings.add);
  const selected = applyProfiles(normalized.stack, profiles, locate);
  if (!selected.ok) throw new ConfigError(selected.issues);
  const referenceIssues: ConfigIssue[] = checkReferences(selected.stack, locate);
  if (referenceIssues.length > 0) throw new ConfigError(referenceIssues);

  return { stack: selected.stack, warnings: warnings.list(), locate };
}

/** `--profile` flags win; otherwise TSD_PROFILES, then COMPOSE_PROFILES (comma-separated). */
function activeProfiles(flags: readonly string[], lookup: EnvLookup): string[] {
  const fromEnvironment = lookup("TSD_PROFILES") ?? lookup("COMPOSE_PROFILES") ?? "";
  const raw = flags.length > 0 ? flags : fromEnvironment.split(",");
  return [...new Set(raw.map((profile) => profile.trim()).filter(Boolean))].sort();
}

/** Services whose written `profiles` are all inactive, with those profiles (read before validation, so only well-formed lists count). */
function inactiveServices(tree: PlainMap, active: readonly string[]): Map<string, readonly string[]> {
  const inactive = new Map<string, readonly string[]>();
  const services = tree.services;
  if (!isMap(services) || active.includes("*")) return inactive;
  for (const [key, service] of Object.entries(services)) {
    const written = isMap(service) ? service.profiles : undefined;
    if (!Array.isArray(written) || written.length === 0 || !written.every((profile) => typeof profile === "string")) continue;
    const profiles = written as string[];
    if (!profiles.some((profile) => active.includes(profile))) inactive.set(key, profiles);
  }
  return inactive;
}

/** How one file is read: the variables it sees and the directory its relative paths mean. */
interface ReadContext {
  readonly lookup: EnvLookup;
  readonly baseDir: string;
  /** Files being included above this one, to detect include cycles. */
  readonly chain: readonly string[];
}

/** Reads stack files with their includes and extends; remembers every file it touched. */
class FileReader {
  readonly files = new Set<string>();
  readonly envFiles = new Set<string>();

  constructor(
    private readonly shell: Readonly<Record<string, string | undefined>>,
    private readonly warn: Warn,
  ) {}

  /** One file, fully resolved; `undefined` for an empty file. */
  load(file: string, context: ReadContext): PlainMap | undefined {
    const tree = this.readInterpolated(file, context);
    if (tree === undefined) return undefined;
    const included = resolveIncludes(tree, (entry) => this.loadIncluded(entry, file, context));
    resolveExtends(included, file, (extendedFile) =>
      this.readInterpolated(extendedFile, { ...context, baseDir: dirname(extendedFile) }) ?? {},
    );
    return included;
  }

  /** Parse, merge the file's YAML documents, interpolate, resolve relative paths. */
  private readInterpolated(file: string, context: ReadContext): PlainMap | undefined {
    this.files.add(file);
    const documents = readStackFile(file);
    if (documents.length === 0) return undefined;
    for (const document of documents) interpolateTree(document, context.lookup, this.warn);
    const tree = documents.reduce((accumulated, next) => mergeStackFiles(accumulated, next));
    resolveRelativePaths(tree, context.baseDir);
    return tree;
  }

  /** Loads an included file; a file that cannot be read (no location of its own) is reported at the include entry. */
  private loadLocated(path: string, context: ReadContext, entry: IncludeEntry): PlainMap | undefined {
    try {
      return this.load(path, context);
    } catch (error) {
      if (!(error instanceof ConfigError) || entry.location === undefined || error.issues.every((issue) => issue.location !== undefined)) throw error;
      const location = entry.location;
      throw new ConfigError(error.issues.map((issue) => (issue.location ? issue : { location, path: entry.path, message: issue.message })));
    }
  }

  private loadIncluded(entry: IncludeEntry, includingFile: string, context: ReadContext): PlainMap {
    const chain = [...context.chain, includingFile];
    for (const path of entry.paths) {
      if (chain.includes(path)) {
        const cycle = [...chain.slice(chain.indexOf(path)), path].join(" -> ");
        throw new ConfigError([{ ...(entry.location ? { location: entry.location } : {}), path: entry.path, message: `include cycle detected: ${cycle}` }]);
      }
    }
    // Without its own env_file, an included project reads the `.env` of its own directory.
    const environment = loadProjectEnvironment(this.shell, entry.projectDirectory, entry.envFiles ?? [], entry.projectDirectory, context.lookup);
    environment.files.forEach((envFile) => this.envFiles.add(envFile));
    const includedContext: ReadContext = { lookup: environment.lookup, baseDir: entry.projectDirectory, chain };
    let merged: PlainMap = {};
    for (const path of entry.paths) {
      const tree = this.loadLocated(path, includedContext, entry);
      if (tree) merged = mergeStackFiles(merged, tree);
    }
    applyResetTags(merged);
    return merged;
  }
}

/** Warnings are raised once each, however many files or services trigger them. */
class WarningSet {
  private readonly seen = new Set<string>();
  readonly add = (message: string): void => {
    this.seen.add(message);
  };
  list(): string[] {
    return [...this.seen];
  }
}
