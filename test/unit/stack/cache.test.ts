/**
 * The stack cache must never serve a stale stack: every input a load read
 * (files, probed paths, variables, options, tsd's build) invalidates it, and
 * what it serves is exactly what the loader would give.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadProjectCached } from "../../../src/project/cached.js";
import { ConfigError } from "../../../src/base/errors.js";
import { loadProject } from "../../../src/project/project.js";
import { type StackCacheSettings, readCachedLoad } from "../../../src/stack/cache.js";
import type { LoadOptions } from "../../../src/stack/load.js";
import { corpusLoadOptions, corpusRows, loadCorpusRow } from "../corpus-run.js";
import { type TempProject, tempProject } from "../support/temp-project.js";

let cacheDir: string;
let settings: StackCacheSettings;
const cleanups: (() => void)[] = [];

beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), "tsd-cache-test-"));
  settings = { directory: cacheDir, buildId: "build-1" };
  cleanups.push(() => rmSync(cacheDir, { recursive: true, force: true }));
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function project(files: Record<string, string>): TempProject {
  const created = tempProject(files, "tsd-cache-project-");
  cleanups.push(created.cleanup);
  return created;
}

/** The outcome a user would see: the stack and warnings, or the error text. */
async function outcome(load: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ConfigError) return { error: error.message };
    throw error;
  }
}

/** Loads through the cache and checks the answer against a fresh load. */
async function expectSameAsFresh(options: LoadOptions): Promise<void> {
  const cached = await outcome(async () => {
    const { stack, warnings } = await loadProjectCached(options, settings);
    return { stack, warnings };
  });
  const fresh = await outcome(() => {
    const { stack, warnings } = loadProject(options);
    return { stack, warnings };
  });
  expect(cached).toStrictEqual(fresh);
}

const STACK = "services:\n  web:\n    image: busybox:${TAG:-1}\n    env_file: [{ path: ./web.env, required: false }]\n";

describe("stack cache: a hit is the loader's own answer", () => {
  it("serves the same stack and warnings from the cache", async () => {
    const folder = project({ "compose.yaml": "services:\n  web:\n    image: busybox\n    environment: { A: $UNSET }\n" });
    const options: LoadOptions = { cwd: folder.dir, environment: {} };
    const first = await loadProjectCached(options, settings);
    expect(first.warnings.join("\n")).toMatch(/UNSET/);
    const hit = readCachedLoad(settings, options, {});
    expect(hit).toBeDefined();
    expect(hit).toStrictEqual({ stack: first.stack, warnings: first.warnings });
    const second = await loadProjectCached(options, settings);
    expect(second.warnings).toStrictEqual(first.warnings);
    expect(second.graph).toStrictEqual(first.graph);
  });

  const loadable = corpusRows().filter((row) => row.label === "VALID" && loadCorpusRow(row).ok);
  it.each(loadable.map((row) => [row.file, row] as const))("corpus %s comes back identical", async (_file, row) => {
    const options = corpusLoadOptions(row);
    const fresh = loadProject(options);
    await loadProjectCached(options, settings);
    const hit = readCachedLoad(settings, options, options.environment ?? {});
    expect(hit).toStrictEqual({ stack: fresh.stack, warnings: fresh.warnings });
  });
});

describe("stack cache: anything the load depended on invalidates it", () => {
  interface Case {
    readonly files: Record<string, string>;
    readonly environment?: Record<string, string>;
    /** Working directory relative to the project folder. */
    readonly cwd?: string;
    readonly options?: Partial<LoadOptions>;
    /** The change; returns the environment to load with afterwards. */
    readonly change: (folder: TempProject, environment: Record<string, string>) => Record<string, string> | undefined;
  }
  const cases: Record<string, Case> = {
    "the stack file is edited": { files: { "compose.yaml": STACK }, change: (f) => void f.write("compose.yaml", STACK.replace("web:", "api:")) },
    "a variable it uses is set": { files: { "compose.yaml": STACK }, change: (_f, env) => ({ ...env, TAG: "2" }) },
    "a variable it uses changes": { files: { "compose.yaml": STACK }, environment: { TAG: "2" }, change: (_f, env) => ({ ...env, TAG: "3" }) },
    "a variable it uses is unset": { files: { "compose.yaml": STACK }, environment: { TAG: "2" }, change: () => ({}) },
    "COMPOSE_PROJECT_NAME is set": { files: { "compose.yaml": STACK }, change: (_f, env) => ({ ...env, COMPOSE_PROJECT_NAME: "other" }) },
    "COMPOSE_PROFILES is set": {
      files: { "compose.yaml": `${STACK}  extra:\n    image: busybox\n    profiles: [x]\n` },
      change: (_f, env) => ({ ...env, COMPOSE_PROFILES: "x" }),
    },
    "a .env file appears": { files: { "compose.yaml": STACK }, change: (f) => void f.write(".env", "TAG=9\n") },
    "the .env file changes": { files: { "compose.yaml": STACK, ".env": "TAG=8\n" }, change: (f) => void f.write(".env", "TAG=9\n") },
    "the .env file goes": { files: { "compose.yaml": STACK, ".env": "TAG=8\n" }, change: (f) => void rmSync(f.path(".env")) },
    "an optional env_file appears": { files: { "compose.yaml": STACK }, change: (f) => void f.write("web.env", "MODE=dev\n") },
    "an override file appears": {
      files: { "compose.yaml": STACK },
      change: (f) => void f.write("compose.override.yaml", "services:\n  web:\n    environment: { X: '1' }\n"),
    },
    "a nearer stack file appears": {
      files: { "compose.yaml": STACK, "sub/readme.txt": "" },
      cwd: "sub",
      change: (f) => void f.write("sub/compose.yaml", "services:\n  other:\n    image: busybox\n"),
    },
    "a preferred stack file name appears": { files: { "docker-compose.yml": STACK }, change: (f) => void f.write("compose.yaml", "services:\n  other:\n    image: busybox\n") },
    "an extends target changes": {
      files: { "compose.yaml": "services:\n  web:\n    extends: { file: base.yml, service: base }\n", "base.yml": "services:\n  base:\n    image: busybox:1\n" },
      change: (f) => void f.write("base.yml", "services:\n  base:\n    image: busybox:2\n"),
    },
    "an included file changes": {
      files: { "compose.yaml": "include: [inc/db.yml]\nservices:\n  web:\n    image: busybox\n", "inc/db.yml": "services:\n  db:\n    image: busybox:1\n" },
      change: (f) => void f.write("inc/db.yml", "services:\n  db:\n    image: busybox:2\n"),
    },
    "an included project's .env appears": {
      files: { "compose.yaml": "include: [inc/db.yml]\n", "inc/db.yml": "services:\n  db:\n    image: busybox:${DB_TAG:-1}\n" },
      change: (f) => void f.write("inc/.env", "DB_TAG=5\n"),
    },
    "an edit makes the stack invalid": { files: { "compose.yaml": STACK }, change: (f) => void f.write("compose.yaml", "services:\n  web:\n    image: [1]\n") },
    "an edit adds a dependency cycle": {
      files: { "compose.yaml": STACK },
      change: (f) => void f.write("compose.yaml", "services:\n  a:\n    image: busybox\n    depends_on: [b]\n  b:\n    image: busybox\n    depends_on: [a]\n"),
    },
    "HOME changes for a ~ path": {
      files: { "compose.yaml": "services:\n  web:\n    image: busybox\n    volumes: ['~/data:/data']\n" },
      environment: { HOME: "/home/one" },
      change: (_f, env) => {
        // homedir() follows HOME; the cache records the home directory it saw.
        process.env.HOME = "/home/two";
        return env;
      },
    },
  };

  it.each(Object.entries(cases))("%s", async (_name, testCase) => {
    const folder = project(testCase.files);
    const cwd = testCase.cwd ? folder.path(testCase.cwd) : folder.dir;
    const before: Record<string, string> = { ...testCase.environment };
    const optionsWith = (environment: Record<string, string>): LoadOptions => ({ cwd, environment, ...testCase.options });
    const home = process.env.HOME;
    try {
      process.env.HOME = before.HOME ?? home;
      await expectSameAsFresh(optionsWith(before));
      expect(readCachedLoad(settings, optionsWith(before), before), "cached after the first load").toBeDefined();

      const after = testCase.change(folder, before) ?? before;
      expect(readCachedLoad(settings, optionsWith(after), after), "the change invalidates the entry").toBeUndefined();
      await expectSameAsFresh(optionsWith(after));
    } finally {
      process.env.HOME = home;
    }
  });

  it("keys entries by command-line options and by tsd build", async () => {
    const folder = project({ "compose.yaml": STACK });
    const options: LoadOptions = { cwd: folder.dir, environment: {} };
    await loadProjectCached(options, settings);
    expect(readCachedLoad(settings, options, {})).toBeDefined();
    expect(readCachedLoad(settings, { ...options, projectName: "other" }, {})).toBeUndefined();
    expect(readCachedLoad(settings, { ...options, profiles: ["x"] }, {})).toBeUndefined();
    expect(readCachedLoad(settings, { ...options, files: ["compose.yaml"] }, {})).toBeUndefined();
    expect(readCachedLoad({ ...settings, buildId: "build-2" }, options, {})).toBeUndefined();
  });

  it("never caches a failed load", async () => {
    const folder = project({ "compose.yaml": "services:\n  web:\n    image: [1]\n" });
    const options: LoadOptions = { cwd: folder.dir, environment: {} };
    await expect(loadProjectCached(options, settings)).rejects.toThrow(ConfigError);
    expect(readCachedLoad(settings, options, {})).toBeUndefined();
  });

  it("treats a damaged entry as a miss and a cache it cannot write as no cache", async () => {
    const folder = project({ "compose.yaml": STACK });
    const options: LoadOptions = { cwd: folder.dir, environment: {} };
    await loadProjectCached(options, settings);
    for (const entry of (await import("node:fs")).readdirSync(cacheDir)) writeFileSync(join(cacheDir, entry), "not an entry");
    expect(readCachedLoad(settings, options, {})).toBeUndefined();
    await expectSameAsFresh(options);

    const blocked = { directory: join(folder.path("compose.yaml"), "cache"), buildId: "build-1" };
    const { stack } = await loadProjectCached(options, blocked);
    expect(Object.keys(stack.services)).toEqual(["web"]);
  });
});

describe("stack cache: any sequence of edits reads like a fresh load", () => {
  type Edit =
    | { kind: "stack"; variant: number }
    | { kind: "dotenv"; tag: number | null }
    | { kind: "override"; present: boolean }
    | { kind: "variable"; tag: number | null };
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant("stack" as const), variant: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ kind: fc.constant("dotenv" as const), tag: fc.option(fc.integer({ min: 1, max: 3 })) }),
    fc.record({ kind: fc.constant("override" as const), present: fc.boolean() }),
    fc.record({ kind: fc.constant("variable" as const), tag: fc.option(fc.integer({ min: 1, max: 3 })) }),
  );
  const variants = [
    STACK,
    "services:\n  web:\n    image: busybox:${TAG:-1}\n  db:\n    image: busybox\n",
    "services:\n  web:\n    image: busybox:${TAG?TAG must be set}\n",
  ];

  it("matches the loader after every edit", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { maxLength: 8 }), async (edits) => {
        const folder = tempProject({ "compose.yaml": STACK }, "tsd-cache-seq-");
        try {
          let environment: Record<string, string> = {};
          for (const step of edits) {
            if (step.kind === "stack") folder.write("compose.yaml", variants[step.variant] as string);
            if (step.kind === "dotenv") step.tag === null ? rmSync(folder.path(".env"), { force: true }) : folder.write(".env", `TAG=${step.tag}\n`);
            if (step.kind === "override") {
              if (step.present) folder.write("compose.override.yaml", "services:\n  web:\n    labels: { a: b }\n");
              else rmSync(folder.path("compose.override.yaml"), { force: true });
            }
            if (step.kind === "variable") environment = step.tag === null ? {} : { TAG: `v${step.tag}` };
            await expectSameAsFresh({ cwd: folder.dir, environment });
          }
        } finally {
          folder.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });
});
