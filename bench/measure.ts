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
  readonly output: string;
}

/** Runs `command args` in `cwd` once, timing it (and its peak RSS when GNU time is installed). */
export function timedRun(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
  const started = process.hrtime.bigint();
  const result = timeBinary
    ? spawnSync(timeBinary, ["-f", "%M", command, ...args], { cwd, encoding: "utf8", env })
    : spawnSync(command, args, { cwd, encoding: "utf8", env });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const stderrLines = result.stderr.trim().split("\n");
  const rssKb = timeBinary ? Number(stderrLines[stderrLines.length - 1]) : Number.NaN;
  return { ms, peakRssMb: Number.isFinite(rssKb) ? rssKb / 1024 : undefined, ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
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
