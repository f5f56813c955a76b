/**
 * One fixture folder per integration test: `test/integration/fixtures/<name>/`
 * is copied to a temp directory and run under a project name no other test
 * (or parallel run) uses, so tests never see each other's containers.
 */
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { onTestFinished } from "vitest";
import { removeProjectResources } from "./docker.js";
import { type TsdResult, type TsdRunOptions, runTsd } from "./tsd-cli.js";

const fixturesRoot = resolve(import.meta.dirname, "../fixtures");

/** A copied fixture with its own project name. */
export interface Fixture {
  /** The fixture folder's name. */
  readonly name: string;
  /** `tsd-it-<name>-<random>`: the value of every engine object's `dev.tsd.project` label. */
  readonly projectName: string;
  /** The temp copy, which is the project directory. */
  readonly dir: string;
  /** Environment that selects this project (TSD_PROJECT_NAME); `run` passes it already. */
  readonly env: Readonly<Record<string, string>>;
  /** Absolute path of a file in the copy. */
  path(relative: string): string;
  /** Runs `tsd ...args` in the copy, as this project. */
  run(args: readonly string[], options?: Omit<TsdRunOptions, "cwd">): Promise<TsdResult>;
  /** Removes every container, network and volume of the project, then the copy. Safe to call twice. */
  cleanup(): Promise<void>;
}

/** A valid project name made from a fixture name: lower case, `[a-z0-9_-]` only. */
function projectNameFor(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
  return `tsd-it-${slug}-${randomBytes(3).toString("hex")}`;
}

/**
 * Copies `fixtures/<name>/` to a temp directory. The caller owns the cleanup
 * (e.g. `afterAll(() => fixture.cleanup())` for a fixture shared by a file);
 * inside a test prefer {@link useFixture}.
 */
export function copyFixture(name: string): Fixture {
  const source = join(fixturesRoot, name);
  if (!existsSync(source)) throw new Error(`no fixture folder ${source}`);
  const projectName = projectNameFor(name);
  const dir = mkdtempSync(join(tmpdir(), `${projectName}-`));
  cpSync(source, dir, { recursive: true });
  const env = { TSD_PROJECT_NAME: projectName };
  return {
    name,
    projectName,
    dir,
    env,
    path: (relative) => join(dir, relative),
    run: (args, options = {}) => runTsd(args, { ...options, cwd: dir, env: { ...env, ...options.env } }),
    cleanup: async () => {
      try {
        await removeProjectResources(projectName);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Copies `fixtures/<name>/` for the running test and removes the project's
 * engine objects and the copy when the test ends, passed or failed. Call it
 * inside a test.
 */
export function useFixture(name: string): Fixture {
  const fixture = copyFixture(name);
  onTestFinished(() => fixture.cleanup());
  return fixture;
}
