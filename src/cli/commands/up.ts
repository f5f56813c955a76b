/**
 * `tsd up` and `tsd plan`: converge the engine to the stack, showing each
 * operation with its cause; attached (without -d) it then follows the logs
 * until Ctrl-C and stops the stack.
 */
import { EngineError, UsageError } from "../../base/errors.js";
import { checkServiceNames } from "../../targets/docker/verbs/containers.js";
import { up } from "../../app/orchestrator.js";
import { PlanInterruptedError } from "../../plan/outcome.js";
import { formatPlan, planToJson } from "../../plan/plan.js";
import { waitUntilReady } from "../../targets/docker/supervision/wait-ready.js";
import { dockerConnector } from "../connect.js";
import { interruptedExitCode, listenForInterruption } from "../interruption.js";
import { createProgress, type Progress, type ProgressMode } from "../render/choose.js";
import { reportError } from "../report-error.js";
import { type StackOptions, stackSelection } from "../stack-options.js";
import { runAttached } from "./follow-logs.js";

/** Flags of `tsd up`. */
export interface UpFlags extends StackOptions {
  readonly detach?: boolean;
  readonly wait?: boolean;
  readonly waitTimeout?: string;
  readonly build?: boolean;
  readonly noBuild?: boolean;
  readonly forceRecreate?: boolean;
  readonly noRecreate?: boolean;
  readonly removeOrphans?: boolean;
  readonly renewAnonVolumes?: boolean;
  readonly scale: string[];
  readonly dryRun?: boolean;
  /** `--no-start` (and `tsd create`): create, start nothing. */
  readonly noStart?: boolean;
  /** `--watch`: once up, watch the stack's files and apply each edit (`tsd watch`). */
  readonly watch?: boolean;
  readonly progress: ProgressMode;
  readonly format?: "text" | "json";
  /** Attached: stop everything once any container exits. */
  readonly abortOnContainerExit?: boolean;
  /** Attached: exit with this service's exit code (implies abortOnContainerExit). */
  readonly exitCodeFrom?: string;
}

/** Runs `tsd up` (or `tsd plan` when `dryRun`). */
export async function runUp(services: readonly string[], flags: UpFlags, version: string): Promise<void> {
  if (flags.build && flags.noBuild) throw new UsageError("--build and --no-build cannot be used together");
  if (flags.forceRecreate && flags.noRecreate) throw new UsageError("--force-recreate and --no-recreate cannot be used together");
  if (flags.noStart && flags.wait) throw new UsageError("--no-start and --wait cannot be used together");
  if (flags.watch && (flags.noStart || flags.dryRun || flags.abortOnContainerExit || flags.exitCodeFrom)) {
    throw new UsageError("--watch cannot be used with --no-start, --dry-run, --abort-on-container-exit or --exit-code-from");
  }
  if ((flags.abortOnContainerExit || flags.exitCodeFrom) && (flags.detach || flags.wait)) {
    throw new UsageError(`${flags.exitCodeFrom ? "--exit-code-from" : "--abort-on-container-exit"} cannot be used with ${flags.detach ? "-d" : "--wait"}`);
  }
  if (flags.exitCodeFrom && services.length > 0 && !services.includes(flags.exitCodeFrom)) {
    throw new UsageError(`--exit-code-from ${flags.exitCodeFrom}: not among the services to start (${services.join(", ")})`);
  }
  const waitTimeoutMs = parseSeconds(flags.waitTimeout ?? "300", "--wait-timeout") * 1000;
  const scale = parseScale(flags.scale);
  const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);
  const interruption = listenForInterruption();
  let progress: Progress | undefined;
  try {
    const result = await up(
      {
        ...stackSelection(flags),
        connect: await dockerConnector(warn),
        onWarning: warn,
        onEvent: (event) => progress?.onEvent(event),
        onLockWait: (pid) => process.stderr.write(`waiting for another tsd (pid ${pid}) working on this project…\n`),
        signal: interruption.signal,
      },
      {
        services,
        forceRecreate: flags.forceRecreate ?? false,
        noRecreate: flags.noRecreate ?? false,
        build: flags.build ? "always" : flags.noBuild ? "never" : "auto",
        renewAnonVolumes: flags.renewAnonVolumes ?? false,
        removeOrphans: flags.removeOrphans ?? false,
        scale,
        version,
        noStart: flags.noStart ?? false,
        dryRun: flags.dryRun ?? false,
        waitTimeoutMs,
        parallelism: 8,
        onPlan: async (plan, project) => {
          // Before anything changes: a typo must not start the stack.
          if (flags.exitCodeFrom) checkServiceNames(project, [flags.exitCodeFrom]);
          if (flags.dryRun) {
            process.stdout.write(flags.format === "json" ? `${JSON.stringify(planToJson(plan), null, 2)}\n` : `${formatPlan(plan)}\n`);
            return;
          }
          if (plan.nodes.length === 0) process.stderr.write("nothing to do: the stack is up to date\n");
          progress = await createProgress(flags.progress, plan, process.stderr);
        },
      },
    ).catch(async (error: unknown) => {
      await progress?.end(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    await progress?.end();
    if (flags.dryRun) return;
    const { project, engine } = result;
    if (flags.wait) {
      // Every selected service running (healthy, where it has a health check), every one-shot job done.
      await waitUntilReady(engine, project, { services, timeoutMs: waitTimeoutMs, signal: interruption.signal });
    }
    if (flags.watch) {
      const { watchStack } = await import("./watch.js");
      await watchStack(services, { ...flags, quietWarnings: true }, version);
      return;
    }
    if (flags.detach || flags.wait || flags.noStart) return;
    process.exitCode = await runAttached(engine, project, services, interruption.signal, {
      abortOnContainerExit: flags.abortOnContainerExit ?? false,
      ...(flags.exitCodeFrom ? { exitCodeFrom: flags.exitCodeFrom } : {}),
    });
  } catch (error) {
    const signal = interruption.received();
    if (signal === undefined) throw error;
    process.exitCode = reportInterruption(error, signal);
  } finally {
    interruption.dispose();
  }
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

function parseScale(entries: readonly string[]): Record<string, number> {
  const scale: Record<string, number> = {};
  for (const entry of entries) {
    const match = /^([^=]+)=(\d+)$/.exec(entry);
    if (!match) throw new UsageError(`--scale ${entry}: expected SERVICE=NUMBER`);
    scale[match[1] as string] = Number(match[2]);
  }
  return scale;
}

function parseSeconds(value: string, flag: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`${flag} ${value}: expected a number of seconds`);
  return seconds;
}
