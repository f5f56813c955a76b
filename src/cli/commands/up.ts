/**
 * `tsd up`, `tsd plan` and `tsd create`: converge the engine to the stack,
 * showing each step with its cause; attached (without -d) it then follows
 * the output until Ctrl-C and stops the stack; with `--watch`, it goes on
 * as `tsd watch`.
 */
import { EngineError } from "../../base/errors.js";
import type { StackSession } from "../../app/session.js";
import { formatPlan, planToJson } from "../../plan/format.js";
import { PlanInterruptedError } from "../../plan/outcome.js";
import type { Plan } from "../../plan/plan.js";
import { interruptedExitCode, listenForInterruption } from "../interruption.js";
import { CommandRenderer } from "../render/command-renderer.js";
import { reportError } from "../report-error.js";
import { openSession } from "../session.js";
import { runAttached } from "./attached.js";
import { packageVersion } from "../wiring/options.js";
import { checkUpFlags, normaliseNegations, type UpCommandOptions, type UpFlags, upPlanOptions, waitTimeoutMs } from "./up-flags.js";
import { watchSession } from "./watch-session.js";
import { StepTimings } from "../../plan/critical-chain.js";
import { afterRunTimings, printEstimatedChain } from "./up-timings.js";

export type { UpFlags } from "./up-flags.js";

/** `tsd up`, as commander calls it. */
export function upAction(services: string[], options: UpCommandOptions): Promise<void> {
  return runUp(services, normaliseNegations(options), packageVersion());
}

/** `tsd plan`: `up` as a dry run, the plan on stdout. */
export function planAction(services: string[], options: UpCommandOptions): Promise<void> {
  return runUp(services, { ...normaliseNegations(options), dryRun: true, progress: "quiet" }, packageVersion());
}

/** `tsd create`: `up` that starts nothing. */
export function createAction(services: string[], options: UpCommandOptions): Promise<void> {
  return runUp(services, { ...normaliseNegations(options), noStart: true, detach: true }, packageVersion());
}

/** Runs `tsd up` (or `tsd plan` when `dryRun`). */
export async function runUp(services: readonly string[], flags: UpFlags, version: string): Promise<void> {
  checkUpFlags(services, flags);
  const timeoutMs = waitTimeoutMs(flags.waitTimeout);
  const plan = upPlanOptions(services, flags, version);
  const renderer = new CommandRenderer({ progress: flags.progress, nothingToDo: "nothing to do: the stack is up to date", explain: flags.explain ?? false, cwd: process.cwd() });
  const stepTimings = new StepTimings();
  const onEvent: typeof renderer.onEvent = (event) => (stepTimings.observe(event), renderer.onEvent(event));
  const session = await openSession(flags, services, { json: flags.progress === "json", onEvent });
  // Before anything changes: a typo must not start the stack.
  if (flags.exitCodeFrom) session.checkServices([flags.exitCodeFrom]);
  const interruption = listenForInterruption();
  try {
    const planned = await session.up({ plan, dryRun: flags.dryRun ?? false, waitTimeoutMs: timeoutMs, signal: interruption.signal }).catch(async (error: unknown) => {
      await renderer.progress.end(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    await renderer.progress.end();
    if (flags.dryRun) {
      printPlan(planned, flags.format);
      if (flags.timings) printEstimatedChain(session, planned);
      return;
    }
    afterRunTimings(session, planned, stepTimings, flags.timings ?? false);
    await afterUp(session, renderer, services, flags, { timeoutMs, version, interrupt: interruption.signal });
  } catch (error) {
    const signal = interruption.received();
    if (signal === undefined) throw error;
    process.exitCode = reportInterruption(error, signal);
  } finally {
    interruption.dispose();
  }
}

/** What follows a successful `up`: waiting, watching, or following attached; with `--ui`, the dashboard beside it. */
async function afterUp(session: StackSession, renderer: CommandRenderer, services: readonly string[], flags: UpFlags, run: { readonly timeoutMs: number; readonly version: string; readonly interrupt: AbortSignal }): Promise<void> {
  if (!flags.ui) return followUp(session, renderer, services, flags, run);
  // Imported only here: the dashboard's server costs nothing to an `up` without it.
  const { besideDashboard } = await import("./ui.js");
  await besideDashboard(session, flags, !flags.watch, () => followUp(session, renderer, services, flags, run), run.interrupt);
}

async function followUp(session: StackSession, renderer: CommandRenderer, services: readonly string[], flags: UpFlags, run: { readonly timeoutMs: number; readonly version: string; readonly interrupt: AbortSignal }): Promise<void> {
  if (flags.wait) {
    // Every selected service running (healthy, where it has a health check), every one-shot job done.
    await session.waitReady({ services, timeoutMs: run.timeoutMs, signal: run.interrupt });
  }
  if (flags.watch) return watchSession(session, renderer, services, { explain: flags.explain ?? false, waitTimeoutMs: run.timeoutMs, version: run.version });
  if (flags.detach || flags.wait || flags.noStart) return;
  process.exitCode = await runAttached(session, renderer, services, run.interrupt, {
    abortOnContainerExit: flags.abortOnContainerExit ?? false,
    ...(flags.exitCodeFrom ? { exitCodeFrom: flags.exitCodeFrom } : {}),
  });
}

/** `tsd plan`: the plan on stdout, as text or JSON. */
function printPlan(plan: Plan, format: UpFlags["format"]): void {
  process.stdout.write(format === "json" ? `${JSON.stringify(planToJson(plan), null, 2)}\n` : `${formatPlan(plan)}\n`);
}

/**
 * Ctrl-C or SIGTERM before `up` finished: say so, and what was left, and exit
 * as shells expect (130, 143). The lock is already released; in-flight
 * operations finished, so the next `up` picks up where this one stopped.
 */
function reportInterruption(error: unknown, signal: NodeJS.Signals): number {
  const what =
    error instanceof PlanInterruptedError
      ? error.progress
      : `the stack is up; stopped waiting (${error instanceof Error ? error.message : String(error)})`;
  reportError(new EngineError(`interrupted by ${signal}: ${what}`, "run `tsd up` again to finish"), process.stderr);
  return interruptedExitCode(signal);
}
