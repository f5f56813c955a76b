/**
 * The flags of `tsd up` (shared with `plan`, `create` and `watch`): checked
 * together before anything is loaded, and turned into the planner's options.
 */
import { UsageError } from "../../base/errors.js";
import { defaultUpOptions, type UpPlanOptions } from "../../app/up.js";
import type { ProgressMode } from "../render/progress.js";
import type { StackOptions } from "../stack-options.js";

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
  /** `--timings`: print the critical chain (measured after `up`, estimated by `plan`). */
  readonly timings?: boolean;
  /** `--no-start` (and `tsd create`): create, start nothing. */
  readonly noStart?: boolean;
  /** `--watch`: once up, watch the stack's files and apply each edit (`tsd watch`). */
  readonly watch?: boolean;
  /** `--ui`: serve the dashboard beside the loop (or, detached, until Ctrl-C). */
  readonly ui?: boolean;
  /** `--explain` (`tsd watch`). */
  readonly explain?: boolean;
  readonly progress: ProgressMode;
  readonly format?: "text" | "json";
  /** Attached: stop everything once any container exits. */
  readonly abortOnContainerExit?: boolean;
  /** Attached: exit with this service's exit code (implies abortOnContainerExit). */
  readonly exitCodeFrom?: string;
}

/** Refuses flags that contradict each other, naming them. */
export function checkUpFlags(services: readonly string[], flags: UpFlags): void {
  if (flags.build && flags.noBuild) throw new UsageError("--build and --no-build cannot be used together");
  if (flags.forceRecreate && flags.noRecreate) throw new UsageError("--force-recreate and --no-recreate cannot be used together");
  if (flags.noStart && flags.wait) throw new UsageError("--no-start and --wait cannot be used together");
  if (flags.ui && (flags.dryRun || flags.noStart)) throw new UsageError("--ui cannot be used with --dry-run or --no-start");
  if (flags.watch && (flags.noStart || flags.dryRun || flags.abortOnContainerExit || flags.exitCodeFrom)) {
    throw new UsageError("--watch cannot be used with --no-start, --dry-run, --abort-on-container-exit or --exit-code-from");
  }
  if ((flags.abortOnContainerExit || flags.exitCodeFrom) && (flags.detach || flags.wait)) {
    throw new UsageError(`${flags.exitCodeFrom ? "--exit-code-from" : "--abort-on-container-exit"} cannot be used with ${flags.detach ? "-d" : "--wait"}`);
  }
  if (flags.exitCodeFrom && services.length > 0 && !services.includes(flags.exitCodeFrom)) {
    throw new UsageError(`--exit-code-from ${flags.exitCodeFrom}: not among the services to start (${services.join(", ")})`);
  }
}

/** The planner's options from the flags. */
export function upPlanOptions(services: readonly string[], flags: UpFlags, version: string): UpPlanOptions {
  return defaultUpOptions(version, {
    services,
    forceRecreate: flags.forceRecreate ?? false,
    noRecreate: flags.noRecreate ?? false,
    build: flags.build ? "always" : flags.noBuild ? "never" : "auto",
    renewAnonVolumes: flags.renewAnonVolumes ?? false,
    removeOrphans: flags.removeOrphans ?? false,
    scale: parseScale(flags.scale),
    noStart: flags.noStart ?? false,
  });
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

/** `--wait-timeout 300` → 300000. */
export function waitTimeoutMs(value: string | undefined): number {
  const seconds = Number(value ?? "300");
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--wait-timeout ${value}: expected a number of seconds`);
  return seconds * 1000;
}

/** What commander hands an action of `up`, `plan` and `create`: `--no-build` as `build: false` and the like. */
export type UpCommandOptions = UpFlags & { readonly build?: boolean; readonly recreate?: boolean; readonly start?: boolean };

/**
 * commander turns `--no-build` into `build: false` and `--no-recreate` into
 * `recreate: false`; map them back to the explicit flags `runUp` expects.
 */
export function normaliseNegations(options: UpCommandOptions): UpFlags {
  return {
    ...options,
    noStart: options.start === false,
    build: options.build === true,
    noBuild: options.build === false,
    noRecreate: options.recreate === false,
  };
}
