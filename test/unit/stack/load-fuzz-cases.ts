/**
 * The loader's robustness properties, shared by the unit test (a fixed seed,
 * a few hundred cases each) and `npm run fuzz` (the same properties, as many
 * cases as asked, under a watchdog).
 *
 * Whatever the input, loading ends in one of two ways: a Stack, or a
 * ConfigError whose every issue has a file:line:column. Anything else fails
 * the case: a TypeError or RangeError (stack overflow included), an issue
 * without a location, a case slower than {@link CASE_TIME_LIMIT_MS}, or an
 * engine verb that connects to the engine for a stack that did not load.
 *
 * Properties throw plain errors (no vitest `expect`), so the script can run
 * them outside vitest.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { ConfigError, formatIssue } from "../../../src/base/errors.js";
import { StackSession } from "../../../src/app/session.js";
import { DockerTarget } from "../../../src/targets/docker/target.js";
import { loadProject } from "../../../src/project/project.js";
import { MemoryEngine } from "../support/memory-engine.js";
import { type TempProject, tempProject } from "../support/temp-project.js";
import { defaultUpOptions } from "../../../src/targets/target.js";

/**
 * A case slower than this is a hang. Generous on purpose: the slowest
 * legitimate case (a 100 KB string through every stage) takes tens of
 * milliseconds, so only runaway work (a backtracking regex, a loop that does
 * not end) comes near it, and a slow CI machine does not.
 */
export const CASE_TIME_LIMIT_MS = 2_000;

/** Text that means a crash was caught and passed off as a config problem (a stack overflow, a TypeError). */
const INTERNAL_ERROR_TEXT = /Maximum call stack|RangeError|TypeError|Cannot read propert|is not a function|\[object Object\]/;

/** How a case ended, when it ended well. */
export type Outcome = "stack" | "config-error";

/** A case that broke the property; its input is saved for reproduction. */
export class FuzzFailure extends Error {}

/** `tsd up --dry-run` with every option at its default. */
const DRY_RUN = { plan: defaultUpOptions("fuzz"), waitTimeoutMs: 1000, parallelism: 1, dryRun: true } as const;

/** Runs cases in one temporary project; remembers the input of the case in progress. */
export class FuzzHarness {
  readonly project: TempProject = tempProject({}, "tsd-fuzz-");
  /** Called before each case with the file holding its input (the script's watchdog reports it on a hang). */
  onCase: (inputFile: string) => void = () => undefined;
  /** How the cases ended so far: a run where almost nothing loads would test little. */
  readonly outcomes: Record<Outcome, number> = { stack: 0, "config-error": 0 };
  private readonly failures = join(this.project.dir, "failures");
  private caseCount = 0;

  /** Loads `text` as the project's only stack file and checks the outcome. */
  async check(text: string): Promise<Outcome> {
    this.caseCount += 1;
    const file = this.project.write("stack.yml", text);
    this.onCase(file);
    const started = performance.now();
    const outcome = this.load(text, file);
    const elapsed = performance.now() - started;
    if (elapsed > CASE_TIME_LIMIT_MS) this.fail(text, `loading took ${Math.round(elapsed)} ms (a hang: the limit is ${CASE_TIME_LIMIT_MS} ms)`);
    if (outcome === "config-error") await this.expectNoEngineCall(text);
    this.outcomes[outcome] += 1;
    return outcome;
  }

  /** True when `document` loads as it is (mutating a file that never loads would only test the first error). */
  loads(document: unknown): boolean {
    const file = this.project.write("stack.yml", String(stringify(document)));
    try {
      loadProject({ cwd: this.project.dir, files: [file], environment: { HOME: "/root" } });
      return true;
    } catch {
      return false;
    }
  }

  cleanup(): void {
    this.project.cleanup();
  }

  private load(text: string, file: string): Outcome {
    try {
      loadProject({ cwd: this.project.dir, files: [file], environment: { HOME: "/root" } });
      return "stack";
    } catch (error) {
      if (!(error instanceof ConfigError)) return this.fail(text, `the loader threw ${describeError(error)}`);
      const unlocated = error.issues.filter((issue) => issue.location === undefined);
      if (unlocated.length > 0) return this.fail(text, `issues without a location: ${unlocated.map(formatIssue).join("; ")}`);
      const leaked = error.issues.filter((issue) => INTERNAL_ERROR_TEXT.test(issue.message));
      if (leaked.length > 0) return this.fail(text, `an internal error leaked into a message: ${leaked.map(formatIssue).join("; ")}`);
      return "config-error";
    }
  }

  /** `up --dry-run` on a stack that does not load must fail without ever connecting. */
  private async expectNoEngineCall(text: string): Promise<void> {
    const engine = new MemoryEngine();
    let connections = 0;
    const opened = StackSession.open({
      stack: { load: { cwd: this.project.dir, files: ["stack.yml"], environment: { HOME: "/root" } } },
      openTarget: (_name, emit) => {
        connections += 1;
        return new DockerTarget(engine, emit);
      },
    });
    const outcome = await opened.then((session) => session.up(DRY_RUN)).then(
      () => "planned",
      (error: unknown) => (error instanceof ConfigError ? "config-error" : describeError(error)),
    );
    if (outcome !== "config-error") this.fail(text, `up --dry-run ended with ${outcome} instead of the loader's ConfigError`);
    if (connections > 0 || engine.calls.length > 0) this.fail(text, `up --dry-run connected to the engine for a stack that did not load (calls: ${engine.calls.join(", ")})`);
  }

  private fail(text: string, reason: string): never {
    mkdirSync(this.failures, { recursive: true });
    const saved = join(this.failures, `case-${this.caseCount}.yml`);
    writeFileSync(saved, text);
    throw new FuzzFailure(`${reason}\n  input saved in ${saved} (${text.length} characters): ${JSON.stringify(text.slice(0, 300))}`);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split("\n")[0] ?? ""}` : String(error);
}

/** Every YAML file of the corpus whose top level is a mapping, parsed (the base of the mutations). */
export function corpusDocuments(corpusRoot: string): Record<string, unknown>[] {
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry)) files.push(path);
    }
  };
  walk(corpusRoot);
  return files.flatMap((file) => {
    try {
      const document: unknown = parse(readFileSync(file, "utf8"), { logLevel: "silent" });
      return document !== null && typeof document === "object" && !Array.isArray(document) ? [document as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

/** Strings that trip up loaders: interpolation syntax, unicode, control characters, paths, very long text. */
const oddString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "${",
    "${X",
    "$${X}",
    "${X:?boom}",
    "${X:-${Y:-${Z}}}",
    "$$",
    "~",
    "../..",
    "/",
    "a\u0000b",
    "\u202e\u0301",
    "😀",
    "null",
    "0x1F",
    "1e400",
    "80:80",
    "a:b:c:d",
    "service:x",
    "!reset",
    "<<",
    "x".repeat(100_000),
    "${X}".repeat(5_000),
  ),
  fc.string({ maxLength: 16, unit: "grapheme" }),
  fc.string({ maxLength: 16, unit: "binary" }),
);

/** Numbers at and beyond the edges of what fields accept. */
const oddNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 65535, 65536, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, Number.NaN, Number.POSITIVE_INFINITY, 0.5, -0.0001),
  fc.integer(),
  fc.double(),
);

/** Keys a mapping might be given: real ones, near misses, extensions, merge keys. */
const someKey = fc.constantFrom("image", "ports", "volumes", "depends_on", "networks", "build", "environment", "labels", "x-a", "<<", "imgae", "", " ", "services", "deploy", "1");

/** JSON-ish values of any shape. */
const someValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false),
    oddString,
    oddNumber,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(someKey, tie("value"), { maxKeys: 3 }),
  ),
})).value;

type Path = (string | number)[];

/** One structured change to a document; `at` picks the place among all paths. */
export type Mutation =
  | { readonly kind: "replace"; readonly at: number; readonly value: unknown }
  | { readonly kind: "delete"; readonly at: number }
  | { readonly kind: "rename"; readonly at: number; readonly key: string }
  | { readonly kind: "swap-type"; readonly at: number }
  | { readonly kind: "nest"; readonly at: number; readonly depth: number; readonly inList: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: someValue }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("rename" as const), at: fc.nat(), key: someKey }),
  fc.record({ kind: fc.constant("swap-type" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("nest" as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 200 }), inList: fc.boolean() }),
);

/** Paths a mutation may pick; a nested value is entered only so deep (a 200-level nest is mutated near its top). */
const MAX_MUTATION_DEPTH = 40;

function allPaths(document: unknown): Path[] {
  const paths: Path[] = [];
  const pending: [Path, unknown][] = [[[], document]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [path, value] = next;
    paths.push(path);
    if (path.length >= MAX_MUTATION_DEPTH || value === null || typeof value !== "object") continue;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    for (const [key, item] of entries.reverse()) pending.push([[...path, key], item]);
  }
  return paths;
}

/** The same value in another type: mappings become lists, lists strings, strings numbers, … */
function swapType(value: unknown): unknown {
  const text = (item: unknown): string => (item !== null && typeof item === "object" ? JSON.stringify(item) : String(item));
  if (Array.isArray(value)) return value.map(text).join(" ");
  if (value !== null && typeof value === "object") return Object.entries(value).map(([key, item]) => `${key}=${text(item)}`);
  if (typeof value === "string") return value.length;
  if (typeof value === "number") return { value };
  if (typeof value === "boolean") return [value];
  return {};
}

function nest(value: unknown, depth: number, inList: boolean): unknown {
  let nested = value;
  for (let level = 0; level < depth; level++) nested = inList ? [nested] : { "x-deep": nested };
  return nested;
}

/** Applies one mutation to a copy of `document`. */
export function applyMutation(document: unknown, change: Mutation): unknown {
  const paths = allPaths(document);
  const path = paths[change.at % paths.length] as Path;
  const root = { document: structuredClone(document) } as Record<string | number, unknown>;
  const fullPath: Path = ["document", ...path];
  let parent = root;
  for (const key of fullPath.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = fullPath[fullPath.length - 1] as string | number;
  const current = parent[last];
  switch (change.kind) {
    case "replace":
      parent[last] = change.value;
      break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case "rename":
      if (Array.isArray(parent) || last === "document") parent[last] = { [change.key]: current };
      else {
        delete parent[last];
        parent[change.key] = current;
      }
      break;
    case "swap-type":
      parent[last] = swapType(current);
      break;
    case "nest":
      parent[last] = nest(current, change.depth, change.inList);
      break;
  }
  return root.document;
}

/**
 * Repeats the line of one mapping key right below itself (`image: a` twice):
 * a duplicate key, which YAML forbids and a plain object cannot hold.
 */
export function duplicateKeyLine(text: string, pick: number): string {
  const lines = text.split("\n");
  const keyLines = lines.flatMap((line, index) => (/^\s*[A-Za-z_][\w.-]*:(\s|$)/.test(line) ? [index] : []));
  if (keyLines.length === 0) return text;
  const index = keyLines[pick % keyLines.length] as number;
  lines.splice(index + 1, 0, lines[index] as string);
  return lines.join("\n");
}

/**
 * Nesting far deeper than the structured mutations reach (the yaml library's
 * own writer overflows long before), written as flow text at places where
 * each stage walks the value: an extension, a service field, the top level.
 */
const deeplyNested = fc
  .record({
    depth: fc.integer({ min: 100, max: 3_000 }),
    open: fc.constantFrom("[", "{a: "),
    place: fc.constantFrom("x-deep: ", "services:\n  web:\n    image: a\n    x-deep: ", "services:\n  web:\n    image: a\n    labels: ", "services: "),
  })
  .map(({ depth, open, place }) => `${place}${open.repeat(depth)}1${(open === "[" ? "]" : "}").repeat(depth)}\n`);

/** A property with the name it is reported under. */
export interface LoaderProperty {
  readonly name: string;
  readonly property: fc.IAsyncPropertyWithHooks<[string]>;
  /** Share of the run count this property gets (deep nesting is slow per case and needs fewer). */
  readonly share: number;
}

/** The loader's properties over arbitrary text, random structures and mutated real stack files. */
export function loaderProperties(harness: FuzzHarness, corpus: readonly Record<string, unknown>[]): LoaderProperty[] {
  const documents = corpus.filter((document) => harness.loads(document));
  if (documents.length < 50) throw new Error(`only ${documents.length} corpus documents load as written: too few to mutate`);
  const topLevel = fc.dictionary(fc.constantFrom("services", "volumes", "networks", "name", "secrets", "configs", "data_containers", "x-y", "include"), someValue, { maxKeys: 4 });
  const mutated = fc
    .record({
      document: fc.integer({ min: 0, max: documents.length - 1 }),
      changes: fc.array(mutation, { minLength: 1, maxLength: 2 }),
      // One case in five also repeats a key line.
      duplicateKey: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.nat(), weight: 1 }),
    })
    .map(({ document, changes, duplicateKey }) => {
      // A mutation may remove the whole document: the file is then empty.
      const text = String(stringify(changes.reduce<unknown>(applyMutation, documents[document])) ?? "");
      return duplicateKey === null ? text : duplicateKeyLine(text, duplicateKey);
    });
  const check = async (text: string): Promise<void> => {
    await harness.check(text);
  };
  return [
    { name: "arbitrary text is a Stack or a located ConfigError", property: fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200, unit: "binary" })), check), share: 1 },
    { name: "random YAML structures are a Stack or a located ConfigError", property: fc.asyncProperty(topLevel.map((document) => stringify(document)), check), share: 1 },
    { name: "mutated real stack files are a Stack or a located ConfigError", property: fc.asyncProperty(mutated, check), share: 2 },
    { name: "deeply nested values are a Stack or a located ConfigError", property: fc.asyncProperty(deeplyNested, check), share: 0.1 },
  ];
}
