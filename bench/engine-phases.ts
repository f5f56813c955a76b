/**
 * The engine benchmarks: cold `up -d`, no-op `up -d`, one change and
 * `down -v` for each tool (floor, docker-compose, tsd) at each N. A round
 * runs one tool's four phases, then the next tool's; the order of the tools
 * rotates every round, so a slow minute on this shared VM falls on every tool
 * in turn (paired runs), and each cell is a median over rounds.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./measure.js";
import { engineStack } from "./stacks.js";
import { PHASES, type Phase, type Tool } from "./tools.js";

/** Every time measured, by tool, N and phase. */
export type EngineTimes = Map<string, number[]>;

/** The key of one cell. */
export function cellKey(tool: Tool["name"], count: number, phase: Phase): string {
  return `${tool} ${count} ${phase}`;
}

/** The median of one cell (NaN when not measured). */
export function cell(times: EngineTimes, tool: Tool["name"], count: number, phase: Phase): number {
  return median(times.get(cellKey(tool, count, phase)) ?? []);
}

/** Peak RSS (MB) of tsd's cold `up`, by N. */
export type PeakRss = Map<number, number>;

/** Removes whatever an interrupted earlier run left of a bench project (tsd, docker-compose or floor labels). */
export function removeLeftovers(project: string): void {
  const script = ["dev.tsd.project", "com.docker.compose.project", "bench.floor.project"]
    .map((label) => `docker rm -fv $(docker ps -aq --filter label=${label}=${project}) ; docker network rm $(docker network ls -q --filter label=${label}=${project})`)
    .join(" ; ");
  spawnSync("bash", ["-c", `${script} ; docker network rm ${project}_default`], { stdio: "ignore" });
}

/**
 * The longest one step may take (BENCH_CELL_CAP_S, default 15 min): a step
 * stopped there is recorded as "over the cap" (Infinity), the rest of that
 * tool's round is left out and the tool is not run again at that N, so one
 * tool that cannot finish on this machine does not hold the whole run.
 */
export const CELL_CAP_SECONDS = Number(process.env.BENCH_CELL_CAP_S ?? "900");

/** Every time measured so far, rewritten after each tool's round: what a run that stops early still leaves. */
export const TIMES_FILE = process.env.BENCH_TIMES_FILE ?? join(tmpdir(), "tsd-bench-times.json");

/**
 * A down that did all its work but the network's removal, which the engine
 * refused for an endpoint it kept after its container was gone (Docker 20.10
 * under load, moby/moby#43286; seen here at N=100 and N=300). tsd itself
 * warns and succeeds there; docker-compose 1.29 fails.
 */
function staleEndpoint(output: string): boolean {
  return /has active endpoints/.test(output);
}

interface RoundInput {
  readonly base: string;
  readonly changed: string;
  readonly count: number;
  readonly directory: string;
}

/** One tool's four phases at one N; false when a step hit the cap (recorded as Infinity). */
function runRound(tool: Tool, input: RoundInput, times: EngineTimes, rss: PeakRss): boolean {
  const project = `${tool.prefix}${input.count}`;
  for (const phase of PHASES) {
    const steady = phase === "cold up" || phase === "no-op up";
    const result = tool.run(phase, { file: steady ? input.base : input.changed, changed: !steady, project, count: input.count, directory: input.directory, capSeconds: CELL_CAP_SECONDS });
    const key = cellKey(tool.name, input.count, phase);
    if (result.timedOut) {
      times.set(key, [...(times.get(key) ?? []), Number.POSITIVE_INFINITY]);
      removeLeftovers(project);
      process.stderr.write(`  N=${input.count} ${tool.name}: ${phase} stopped at the ${CELL_CAP_SECONDS} s cap; its later steps at this N are left out\n`);
      return false;
    }
    if (!result.ok && !(phase === "down -v" && staleEndpoint(result.output))) {
      removeLeftovers(project);
      throw new Error(`${tool.name} ${phase} (N=${input.count}) failed:\n${result.output}`);
    }
    if (!result.ok) process.stderr.write(`  N=${input.count} ${tool.name}: down -v left the network: the engine kept a stale endpoint on it (moby/moby#43286); its time is kept\n`);
    times.set(key, [...(times.get(key) ?? []), result.ms]);
    if (tool.name === "tsd" && phase === "cold up" && result.peakRssMb !== undefined) rss.set(input.count, Math.max(rss.get(input.count) ?? 0, result.peakRssMb));
  }
  return true;
}

/** Runs `roundsAt(N)` rounds at each N; fills `times` (ms) and tsd's peak RSS. */
export function benchEngine(directory: string, tools: readonly Tool[], counts: readonly number[], roundsAt: (count: number) => number, times: EngineTimes, rss: PeakRss): void {
  for (const count of counts) {
    const rounds = roundsAt(count);
    const input: RoundInput = { base: join(directory, `engine-${count}.yml`), changed: join(directory, `engine-${count}-changed.yml`), count, directory };
    writeFileSync(input.base, engineStack(count, false));
    writeFileSync(input.changed, engineStack(count, true));
    for (const tool of tools) removeLeftovers(`${tool.prefix}${count}`);
    const capped = new Set<Tool["name"]>();
    for (let round = 0; round < rounds; round++) {
      const order = tools.map((_, index) => tools[(index + round) % tools.length] as Tool);
      for (const tool of order.filter((candidate) => !capped.has(candidate.name))) {
        if (!runRound(tool, input, times, rss)) capped.add(tool.name);
        writeFileSync(TIMES_FILE, JSON.stringify(Object.fromEntries(times), (_key, value: unknown) => (value === Number.POSITIVE_INFINITY ? "cap" : value)));
        process.stderr.write(`  N=${count} round ${round + 1}/${rounds} ${tool.name}: ${PHASES.map((phase) => `${phase} ${ms(times.get(cellKey(tool.name, count, phase))?.at(-1) ?? Number.NaN)}`).join(", ")}\n`);
      }
    }
  }
}

/** The issue's targets: tsd / floor at most this. */
export const TARGETS: Record<Phase, number> = { "cold up": 1.05, "no-op up": 1.3, "one change": 1.2, "down -v": 1.1 };

/** A cell's time as printed: "n/a" when not measured, "> cap" when stopped at the cap. */
export function ms(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return `> ${CELL_CAP_SECONDS} s (cap)`;
  return Number.isFinite(value) ? `${value.toFixed(0)} ms` : "n/a";
}

/** Rows of the side-by-side table: N, step, floor, docker-compose, tsd, tsd / floor, target. */
export function engineRows(times: EngineTimes, counts: readonly number[]): string[][] {
  const rows: string[][] = [];
  for (const count of counts) {
    for (const phase of PHASES) {
      const floorMs = cell(times, "floor", count, phase);
      const tsdMs = cell(times, "tsd", count, phase);
      const ratio = tsdMs / floorMs;
      const met = ratio <= TARGETS[phase] ? "met" : "NOT met";
      const measured = Number.isFinite(ratio) || ratio === Number.POSITIVE_INFINITY;
      rows.push([String(count), phase, ms(floorMs), ms(cell(times, "docker-compose", count, phase)), ms(tsdMs), Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "n/a", `≤ ${TARGETS[phase]}× ${measured ? met : ""}`.trim()]);
    }
  }
  return rows;
}
