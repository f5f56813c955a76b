/**
 * The three contenders of the engine benchmarks, each one process per
 * phase as a user would run it: the raw-engine floor (bench/floor.mjs),
 * Debian's docker-compose 1.29 and tsd's built CLI.
 */
import { resolve } from "node:path";
import { type Run, timedRun } from "./measure.js";
import { healthIntervalSeconds } from "./stacks.js";

/** The bench's four steps, in the order a round runs them. */
export const PHASES = ["cold up", "no-op up", "one change", "down -v"] as const;
/** One of {@link PHASES}. */
export type Phase = (typeof PHASES)[number];

/** What a phase is given: the stack file for this phase and the project name. */
export interface PhaseInput {
  readonly file: string;
  readonly changed: boolean;
  readonly project: string;
  readonly count: number;
  readonly directory: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Stop the step after this many seconds (the engine bench's cap per cell). */
  readonly capSeconds?: number;
}

/** One contender. */
export interface Tool {
  readonly name: "floor" | "docker-compose" | "tsd";
  /** A project name prefix of its own, so the tools never see each other's containers. */
  readonly prefix: string;
  readonly run: (phase: Phase, input: PhaseInput, extraArgs?: readonly string[]) => Run;
}

const tsdMain = resolve(import.meta.dirname, "../dist/cli/main.js");
const floorScript = resolve(import.meta.dirname, "floor.mjs");

const FLOOR_PHASE: Record<Phase, string> = { "cold up": "up", "no-op up": "noop", "one change": "change", "down -v": "down" };

/** The raw-engine floor. */
export const floor: Tool = {
  name: "floor",
  prefix: "bfl",
  run: (phase, input) =>
    timedRun(
      process.execPath,
      [floorScript, FLOOR_PHASE[phase], input.project, String(input.count), ...(input.changed ? ["changed"] : [])],
      input.directory,
      { ...(input.env ?? process.env), BENCH_HEALTH_INTERVAL_S: String(healthIntervalSeconds(input.count)) },
      input.capSeconds,
    ),
};

/** Debian's docker-compose 1.29. */
export const dockerCompose: Tool = {
  name: "docker-compose",
  prefix: "bdc",
  run: (phase, input) =>
    phase === "down -v"
      ? timedRun("docker-compose", ["-f", input.file, "-p", input.project, "down", "-v"], input.directory, input.env, input.capSeconds)
      : timedRun("docker-compose", ["-f", input.file, "-p", input.project, "up", "-d"], input.directory, input.env, input.capSeconds),
};

/** tsd's built CLI (npm run build first). */
export const tsd: Tool = {
  name: "tsd",
  prefix: "bts",
  run: (phase, input, extraArgs = []) =>
    phase === "down -v"
      ? timedRun(process.execPath, [tsdMain, "down", "-v", "-f", input.file, "-p", input.project, "--progress", "quiet", ...extraArgs], input.directory, input.env, input.capSeconds)
      : timedRun(process.execPath, [tsdMain, "up", "-d", "-f", input.file, "-p", input.project, "--progress", "quiet", ...extraArgs], input.directory, input.env, input.capSeconds),
};
