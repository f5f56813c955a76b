/**
 * `tsd config` beside `docker-compose config` on generated stacks of 10, 100
 * and 300 services: median wall time and peak memory.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateStack } from "./generate-stack.js";
import { hasDockerCompose, median, timedRun } from "./measure.js";

const RUNS = 7;
const tsdMain = resolve(import.meta.dirname, "../dist/cli/main.js");

/** Rows: stack, command, median, peak RSS. */
export function benchConfig(directory: string): string[][] {
  const rows: string[][] = [];
  for (const size of [10, 100, 300]) {
    const file = join(directory, `stack-${size}.yml`);
    writeFileSync(file, generateStack(size));
    const tools: [string, string, string[]][] = [["tsd config", process.execPath, [tsdMain, "config", "-q", "-p", "bench", "-f", file]]];
    if (hasDockerCompose()) tools.push(["docker-compose config", "docker-compose", ["-p", "bench", "-f", file, "config", "-q"]]);
    for (const [name, command, args] of tools) {
      const runs = Array.from({ length: RUNS }, () => timedRun(command, args, directory));
      const peak = Math.max(...runs.map((run) => run.peakRssMb ?? 0));
      rows.push([
        `${size} services`,
        name,
        runs.every((run) => run.ok) ? `${median(runs.map((run) => run.ms)).toFixed(0)} ms` : "FAILED",
        peak > 0 ? `${peak.toFixed(0)} MB` : "n/a",
      ]);
    }
  }
  return rows;
}
