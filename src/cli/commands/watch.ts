/**
 * `tsd watch` and `tsd up --watch`: bring the stack up (unless `--no-up`),
 * then keep it converged to its files until Ctrl-C, which ends watching and
 * leaves the stack running, as Compose's watch does.
 */
import { relative } from "node:path";
import { UsageError } from "../../base/errors.js";
import { openStack } from "../../app/session.js";
import { runWatchLoop } from "../../app/watch.js";
import type { StackOptions } from "../stack-options.js";
import { verbContext, warnOnStderr } from "../verb-context.js";
import { runUp, type UpFlags } from "./up.js";

/** Flags of `tsd watch`. */
export interface WatchFlags extends StackOptions {
  /** commander's `--no-up`. */
  readonly up?: boolean;
  readonly explain?: boolean;
  readonly waitTimeout?: string;
  readonly progress: UpFlags["progress"];
}

/** Runs `tsd watch`. */
export async function runWatch(services: readonly string[], flags: WatchFlags, version: string): Promise<void> {
  if (flags.up !== false) await runUp(services, { ...flags, detach: true, scale: [] }, version);
  await watchStack(services, { ...flags, quietWarnings: flags.up !== false }, version);
}

/** Watches a stack that is up, until Ctrl-C (a second Ctrl-C leaves at once, even mid-pass). */
export async function watchStack(
  services: readonly string[],
  flags: StackOptions & { readonly explain?: boolean; readonly waitTimeout?: string; readonly quietWarnings?: boolean },
  version: string,
): Promise<void> {
  const waitSeconds = Number(flags.waitTimeout ?? "300");
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UsageError(`--wait-timeout ${flags.waitTimeout}: expected a number of seconds`);
  const context = await verbContext(flags);
  // `up` has just printed the stack's warnings.
  const { project, engine } = await openStack(flags.quietWarnings ? { ...context, onWarning: () => undefined } : context, services);
  const controller = new AbortController();
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("stopping the watch (the stack keeps running; Ctrl-C again to leave at once)…\n");
    controller.abort();
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  try {
    await runWatchLoop({
      engine,
      project,
      load: context.load,
      ...(context.stackCache ? { stackCache: context.stackCache } : {}),
      services,
      version,
      explain: flags.explain ?? false,
      waitTimeoutMs: waitSeconds * 1000,
      signal: controller.signal,
      log: (line) => process.stderr.write(`${line}\n`),
      onWarning: warnOnStderr,
      onReady: (paths) => {
        const shown = paths.map((path) => relative(process.cwd(), path) || path);
        process.stderr.write(`watching ${project.stack.name} (Ctrl-C ends watching; the stack keeps running)\n`);
        if (flags.explain) process.stderr.write(`stack inputs watched: ${shown.join(", ")}\n`);
      },
    });
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
  }
}
