/**
 * Shared by the benchmarks: run a command, time it, read its peak memory.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const timeBinary = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** One timed run. */
export interface Run {
  readonly ms: number;
  readonly peakRssMb: number | undefined;
  readonly ok: boolean;
  /** Stopped at the time cap (coreutils' `timeout`), so `ms` is the cap, not the step's time. */
  readonly timedOut: boolean;
  readonly output: string;
}

/** coreutils' `timeout` exits 124 when it stopped the command, 137 when it had to kill it. */
const TIMED_OUT = new Set([124, 137]);

/**
 * Runs `command args` in `cwd` once, timing it (and its peak RSS when GNU time
 * is installed). With `capSeconds`, coreutils' `timeout` stops the command
 * there (inside GNU time, so the RSS is still the command's).
 */
export function timedRun(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env, capSeconds?: number): Run {
  const capped = capSeconds === undefined ? [command, ...args] : ["timeout", "--kill-after=10s", `${capSeconds}s`, command, ...args];
  const [program = command, ...rest] = capped;
  const started = process.hrtime.bigint();
  const result = timeBinary
    ? spawnSync(timeBinary, ["-f", "%M", ...capped], { cwd, encoding: "utf8", env })
    : spawnSync(program, rest, { cwd, encoding: "utf8", env });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const stderrLines = result.stderr.trim().split("\n");
  const rssKb = timeBinary ? Number(stderrLines[stderrLines.length - 1]) : Number.NaN;
  const timedOut = capSeconds !== undefined && TIMED_OUT.has(result.status ?? 0);
  return { ms, peakRssMb: Number.isFinite(rssKb) ? rssKb / 1024 : undefined, ok: result.status === 0, timedOut, output: `${result.stdout}${result.stderr}` };
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Whether docker-compose (1.29, Debian's package) answers. */
export function hasDockerCompose(): boolean {
  return spawnSync("docker-compose", ["version"], { encoding: "utf8" }).status === 0;
}
