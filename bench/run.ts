/**
 * `npm run bench`: tsd beside the raw-engine floor and docker-compose 1.29
 * (Debian's, installed here when missing) on this machine's engine, printed
 * as tables, with the cost curve drawn to docs/benchmarks-curve.svg.
 *
 *   npm run bench                 the full run (N = 1, 10, 30, 100 × 5 rounds; the curve to N = 300)
 *   npm run bench -- --quick      for iteration: N = 1, 10 × 1 round, the curve to N = 30, no dev loop;
 *                                 the picture goes to a temporary file unless --svg PATH is given
 *   BENCH_ROUNDS=3 npm run bench  fewer rounds per cell
 *   BENCH_LARGE_ROUNDS=3 ...      rounds at N >= 100 (default 1: one round there takes minutes per tool)
 *   npm run bench -- --max-n 100  leave out the larger N (a busy machine)
 *   BENCH_CELL_CAP_S=600 ...      stop any one step there (default 900 s) and mark it "> cap"
 *   npm run bench -- --redraw F   only redraw the curve from a run's times file (BENCH_TIMES_FILE)
 *   npm run bench -- --no-swarm   leave out Swarm (bench/swarm.ts on its own lab; not in --quick)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatTable } from "../src/cli/render/table.js";
import { benchConfig } from "./config.js";
import { curveSvg, type Panel } from "./curve-svg.js";
import { benchDevLoop } from "./dev-loop.js";
import { benchEngineCalls } from "./engine-calls.js";
import { benchEngine, CELL_CAP_SECONDS, TIMES_FILE, cell, type EngineTimes, engineRows, ms, type PeakRss } from "./engine-phases.js";
import { hasDockerCompose } from "./measure.js";
import { healthIntervalSeconds } from "./stacks.js";
import { benchStartup } from "./startup.js";
import { dockerCompose, floor, PHASES, type Tool, tsd } from "./tools.js";

const repoRoot = resolve(import.meta.dirname, "..");
const { values: flags } = parseArgs({ options: { quick: { type: "boolean", default: false }, "no-swarm": { type: "boolean", default: false }, svg: { type: "string" }, "max-n": { type: "string" }, redraw: { type: "string" } } });
const quick = flags.quick === true;
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? "1" : "5"));
// A cold up of 100 services with 1 s health checks keeps 2 cores busy for minutes: one round there unless asked.
const largeRounds = Number(process.env.BENCH_LARGE_ROUNDS ?? "1");
const roundsAt = (count: number): number => (count >= 100 ? Math.min(rounds, largeRounds) : rounds);
const maxN = Number(flags["max-n"] ?? Number.POSITIVE_INFINITY);
const tableCounts = (quick ? [1, 10] : [1, 10, 30, 100]).filter((n) => n <= maxN);
const curveCounts = (quick ? [1, 10, 30] : [1, 10, 30, 100, 300]).filter((n) => n <= maxN);

function ensureDockerCompose(): boolean {
  if (hasDockerCompose()) return true;
  if (process.getuid?.() !== 0) return false;
  console.log("installing Debian's docker-compose for the side-by-side comparison…");
  spawnSync("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose"], { stdio: "inherit" });
  return hasDockerCompose();
}

function section(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  console.log(`\n${title}\n`);
  process.stdout.write(formatTable(header, rows));
}

const COLORS: Record<Tool["name"], string> = { floor: "#888888", "docker-compose": "#e07b00", tsd: "#1f5fbf" };

function writeCurve(times: EngineTimes, tools: readonly Tool[], path: string): void {
  const panels: Panel[] = PHASES.map((phase) => ({
    title: phase,
    series: tools.map((tool) => ({
      name: tool.name === "floor" ? "raw-engine floor" : tool.name,
      color: COLORS[tool.name],
      dashed: tool.name === "floor",
      points: curveCounts.map((n) => ({ n, ms: cell(times, tool.name, n, phase) })),
    })),
  }));
  const slower = curveCounts.filter((n) => healthIntervalSeconds(n) > 1).map((n) => `N=${n}: every ${healthIntervalSeconds(n)} s`);
  const checks = `health checks every 1 s${slower.length > 0 ? ` (${slower.join(", ")})` : ""}`;
  writeFileSync(path, curveSvg("tsd, docker-compose 1.29 and the raw-engine floor: time against N services", panels, curveCounts, `medians; ${checks}; a missing point: not measured, or stopped at the cap`));
}

// --redraw FILE: only draw the curve again from a run's times file (BENCH_TIMES_FILE), e.g. after a change to the picture.
if (flags.redraw !== undefined) {
  const saved = JSON.parse(readFileSync(flags.redraw, "utf8")) as Record<string, (number | "cap")[]>;
  const times: EngineTimes = new Map(Object.entries(saved).map(([key, values]) => [key, values.map((value) => (value === "cap" ? Number.POSITIVE_INFINITY : value))]));
  const svgPath = flags.svg ?? join(repoRoot, "docs/benchmarks-curve.svg");
  writeCurve(times, [floor, dockerCompose, tsd], svgPath);
  console.log(`the cost curve (N = ${curveCounts.join(", ")}), from ${flags.redraw}: ${svgPath}`);
  process.exit(0);
}

const engine = spawnSync("bash", [join(repoRoot, "scripts/engine.sh")], { stdio: "inherit" });
if (engine.status !== 0) throw new Error("no engine: scripts/engine.sh failed");
const withDockerCompose = ensureDockerCompose();
const tools = withDockerCompose ? [floor, dockerCompose, tsd] : [floor, tsd];
const directory = mkdtempSync(join(tmpdir(), "tsd-bench-"));
try {
  console.log(`node ${process.version}, ${rounds} round(s) per cell, ${roundsAt(100)} at N >= 100, each step capped at ${CELL_CAP_SECONDS} s${quick ? " (--quick)" : ""}; times also in ${TIMES_FILE}`);
  section(`start-up (median of ${quick ? 10 : 30}, run in turn)`, ["command", "median", "× node -e 0", "target", "peak RSS"], benchStartup(directory, quick ? 10 : 30));
  section(`\`config --quiet\` (median of ${quick ? 3 : 7}, run in turn)`, ["stack", "docker-compose", "tsd", "tsd / docker-compose", "peak RSS tsd / docker-compose"], benchConfig(directory, quick ? 3 : 7, withDockerCompose));
  const times: EngineTimes = new Map();
  const rss: PeakRss = new Map();
  console.error("\nengine phases (progress on stderr):");
  benchEngine(directory, tools, tableCounts, roundsAt, times, rss);
  section(
    `the engine: services with 1 s health checks, medians of ${rounds} round(s) (N >= 100: ${roundsAt(100)}), tools in turn`,
    ["N", "step", "floor", "docker-compose", "tsd", "tsd / floor", "target"],
    engineRows(times, tableCounts),
  );
  console.log(`\ntsd's peak RSS during cold up: ${[...rss].map(([n, mb]) => `N=${n} ${mb.toFixed(0)} MB`).join(", ")} (target at N=100: ≤ 80 MB)`);
  const extra = curveCounts.filter((n) => !tableCounts.includes(n));
  if (extra.length > 0) benchEngine(directory, tools, extra, roundsAt, times, rss);
  const svgPath = flags.svg ?? (quick ? join(tmpdir(), "tsd-benchmarks-curve.svg") : join(repoRoot, "docs/benchmarks-curve.svg"));
  writeCurve(times, tools, svgPath);
  console.log(`\nthe cost curve (N = ${curveCounts.join(", ")}): ${svgPath}`);
  for (const n of extra) console.log(`  N=${n} (health checks every ${healthIntervalSeconds(n)} s): ${PHASES.map((phase) => `${phase} ${tools.map((tool) => `${tool.name} ${ms(cell(times, tool.name, n, phase))}`).join(" / ")}`).join("; ")}`);
  section("engine calls per phase (N=10, through a counting proxy)", ["tool", "phase", "calls", "most frequent"], await benchEngineCalls(directory, tools, 10));
  if (!quick) section("the dev loop: `tsd watch` (p50 / p95 over repeated edits)", ["measurement", "N", "tsd p50", "tsd p95", "docker-compose"], await benchDevLoop(directory));
  if (!withDockerCompose) console.log("\n(docker-compose not available: install Debian's docker-compose to compare)");
} finally {
  rmSync(directory, { recursive: true, force: true });
}
// Swarm, side by side with `docker stack deploy` on its own lab (bench/swarm.ts); --no-swarm leaves it out.
if (flags["no-swarm"] !== true && !quick) {
  const swarm = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, "bench/swarm.ts")], { stdio: "inherit" });
  if (swarm.status !== 0) throw new Error("bench/swarm.ts failed");
}
