/**
 * Attached `tsd up` in a child process whose stderr a test can watch while
 * it runs (runTsd only hands output back at the end): the supervisor's
 * transitions and messages appear there as they happen.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Fixture } from "../support/fixture.js";
import { eventually } from "../support/eventually.js";

const main = resolve(import.meta.dirname, "../../../dist/cli/main.js");

/** A running attached `tsd up`. */
export interface AttachedUp {
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Waits until stderr contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Sends Ctrl-C (SIGINT) and waits for the process to end; returns its exit status and stderr. */
  interrupt(): Promise<{ readonly status: number | null; readonly stderr: string }>;
}

/** Starts `tsd up -f stack.yml …args` attached in the fixture's copy. */
export function startAttachedUp(fixture: Fixture, args: readonly string[] = []): AttachedUp {
  const child = spawn(process.execPath, [main, "up", "-f", "stack.yml", "--progress", "plain", ...args], {
    cwd: fixture.dir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...dockerVariables(), ...fixture.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const closed = new Promise<number | null>((done) => child.on("close", (status) => done(status)));
  // Never outlive the test run, whatever happens to the test.
  const killer = setTimeout(() => child.kill("SIGKILL"), 170_000);
  killer.unref();
  return {
    stderr: () => stderr,
    waitFor: async (text, timeoutMs = 30_000) => {
      await eventually(() => {
        if (!stderr.includes(text)) throw new Error(`tsd up has not printed "${text}" yet; stderr so far:\n${stderr}`);
      }, timeoutMs);
    },
    interrupt: async () => {
      child.kill("SIGINT");
      const status = await closed;
      clearTimeout(killer);
      return { status, stderr };
    },
  };
}

function dockerVariables(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith("DOCKER_") && entry[1] !== undefined));
}
