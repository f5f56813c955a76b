/**
 * Start-up: `tsd --version` and `tsd --help` against a bare `node -e 0`,
 * run in turn (one of each, again and again) so a busy moment on the
 * machine falls on all three alike; medians of wall time.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { median, timedRun } from "./measure.js";

const tsdMain = resolve(import.meta.dirname, "../dist/cli/main.js");

/** Rows: command, median, × node -e 0, target. */
export function benchStartup(directory: string, runs: number): string[][] {
  // `tsd ps` reads a stack and asks the engine: the start-up a user feels on every verb (issue: `tsd ui` must not slow it).
  const stack = join(directory, "startup-stack.yml");
  writeFileSync(stack, "name: bench-startup\nservices:\n  web:\n    image: tsd-test/busybox:1\n");
  const commands: [string, string[]][] = [
    ["node -e 0", ["-e", "0"]],
    ["tsd --version", [tsdMain, "--version"]],
    ["tsd --help", [tsdMain, "--help"]],
    ["tsd ps", [tsdMain, "ps", "-f", stack]],
  ];
  const times = commands.map(() => [] as number[]);
  const rss = commands.map(() => 0);
  for (let run = 0; run < runs; run++) {
    commands.forEach(([, args], index) => {
      const result = timedRun(process.execPath, args, directory);
      if (!result.ok) throw new Error(`${commands[index]?.[0]} failed:\n${result.output}`);
      times[index]?.push(result.ms);
      rss[index] = Math.max(rss[index] ?? 0, result.peakRssMb ?? 0);
    });
  }
  const bare = median(times[0] ?? []);
  return commands.map(([name], index) => {
    const ms = median(times[index] ?? []);
    const ratio = ms / bare;
    return [name, `${ms.toFixed(1)} ms`, `${ratio.toFixed(2)}×`, index === 0 || name === "tsd ps" ? "" : `≤ 1.25× ${ratio <= 1.25 ? "met" : "NOT met"}`, `${(rss[index] ?? 0).toFixed(0)} MB`];
  });
}
