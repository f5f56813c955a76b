/**
 * `npm run bench`: tsd beside docker-compose (1.29, when installed) on the
 * same generated stacks. Prints a table of median wall time and peak memory.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateStack } from "./generate-stack.js";

const RUNS = 7;
const tsdMain = resolve(import.meta.dirname, "../dist/cli/main.js");
const timeBinary = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Measurement {
  medianMs: number;
  peakRssMb: number | undefined;
  ok: boolean;
}

function measure(command: string, args: readonly string[], cwd: string): Measurement {
  const durations: number[] = [];
  let peak: number | undefined;
  let ok = true;
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = timeBinary
      ? spawnSync(timeBinary, ["-f", "%M", command, ...args], { cwd, encoding: "utf8" })
      : spawnSync(command, args, { cwd, encoding: "utf8" });
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
    ok &&= result.status === 0;
    const rssKb = timeBinary ? Number(result.stderr.trim().split("\n").pop()) : NaN;
    if (Number.isFinite(rssKb)) peak = Math.max(peak ?? 0, rssKb / 1024);
  }
  durations.sort((a, b) => a - b);
  return { medianMs: durations[Math.floor(durations.length / 2)] as number, peakRssMb: peak, ok };
}

function hasDockerCompose(): boolean {
  return spawnSync("docker-compose", ["version"], { encoding: "utf8" }).status === 0;
}

const directory = mkdtempSync(join(tmpdir(), "tsd-bench-"));
const rows: string[][] = [];
try {
  for (const size of [10, 100, 300]) {
    const file = join(directory, `stack-${size}.yml`);
    writeFileSync(file, generateStack(size));
    const tools: [string, string, string[]][] = [["tsd config", process.execPath, [tsdMain, "config", "-q", "-p", "bench", "-f", file]]];
    if (hasDockerCompose()) tools.push(["docker-compose config", "docker-compose", ["-p", "bench", "-f", file, "config", "-q"]]);
    for (const [name, command, args] of tools) {
      const result = measure(command, args, directory);
      rows.push([
        `${size} services`,
        name,
        result.ok ? `${result.medianMs.toFixed(0)} ms` : "FAILED",
        result.peakRssMb === undefined ? "n/a" : `${result.peakRssMb.toFixed(0)} MB`,
      ]);
    }
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}

const header = ["stack", "command", `median of ${RUNS}`, "peak RSS"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ");
console.log(line(header));
console.log(widths.map((width) => "-".repeat(width)).join("  "));
for (const row of rows) console.log(line(row));
if (!hasDockerCompose()) console.log("\n(docker-compose not installed: apt-get install docker-compose to compare)");
