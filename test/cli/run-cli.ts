/**
 * Runs the built CLI (dist/) as a user would, with a controlled environment.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const main = resolve(import.meta.dirname, "../../dist/cli/main.js");

/** What a CLI run printed and returned. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tsd ...args` in `cwd`. Only PATH and HOME are inherited, plus `env`. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [main, ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
