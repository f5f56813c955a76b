/**
 * A `tsd` that keeps running (`logs -f`, `events`): its output so far can be
 * read while it runs, and it is ended with SIGINT as Ctrl-C would.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Fixture } from "../support/fixture.js";
import type { TsdResult } from "../support/tsd-cli.js";

const main = resolve(import.meta.dirname, "../../../dist/cli/main.js");

/** A running tsd. */
export interface RunningTsd {
  stdout(): string;
  stderr(): string;
  /** Sends SIGINT and resolves with how it ended. */
  interrupt(): Promise<TsdResult>;
  /** Resolves with how it ended, when it ends by itself. */
  ended(): Promise<TsdResult>;
}

/** DOCKER_HOST and friends, so it finds the engine the tests use. */
function dockerVariables(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith("DOCKER_") && entry[1] !== undefined));
}

/** Starts `tsd ...args` in the fixture's copy, as its project. */
export function startTsd(fixture: Fixture, args: readonly string[]): RunningTsd {
  const child = spawn(process.execPath, [main, ...args], {
    cwd: fixture.dir,
    env: { ...dockerVariables(), PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...fixture.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const ended = new Promise<TsdResult>((resolveEnd) =>
    child.on("close", (status, signal) => resolveEnd({ status, signal, stdout, stderr })),
  );
  // A test that fails before interrupting must not leave it running.
  const safety = setTimeout(() => child.kill("SIGKILL"), 60_000).unref();
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    interrupt: async () => {
      child.kill("SIGINT");
      const result = await ended;
      clearTimeout(safety);
      return result;
    },
    ended: async () => {
      const result = await ended;
      clearTimeout(safety);
      return result;
    },
  };
}
