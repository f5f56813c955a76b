/**
 * `tsd watch` and `tsd up --watch`: bring the stack up (unless `--no-up`),
 * then keep it converged to its files until Ctrl-C, which ends watching and
 * leaves the stack running, as Compose's watch does.
 */
import { CommandRenderer } from "../render/command-renderer.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";
import { packageVersion } from "../wiring/options.js";
import { runUp, type UpFlags } from "./up.js";
import { waitTimeoutMs } from "./up-flags.js";
import { watchSession } from "./watch-session.js";

/** Flags of `tsd watch`. */
export interface WatchFlags extends StackOptions {
  /** commander's `--no-up`. */
  readonly up?: boolean;
  readonly explain?: boolean;
  /** `--ui`: the dashboard beside the loop. */
  readonly ui?: boolean;
  readonly waitTimeout?: string;
  readonly progress: UpFlags["progress"];
}

/** `tsd watch`, as commander calls it. */
export function watchAction(services: string[], options: WatchFlags): Promise<void> {
  return runWatch(services, options, packageVersion());
}

/** Runs `tsd watch`. */
export async function runWatch(services: readonly string[], flags: WatchFlags, version: string): Promise<void> {
  if (flags.up !== false) {
    await runUp(services, { ...flags, detach: true, watch: true, scale: [] }, version);
    return;
  }
  const renderer = new CommandRenderer({ progress: flags.progress, nothingToDo: "nothing to do: the stack is up to date", explain: flags.explain ?? false, cwd: process.cwd() });
  const session = await openSession(flags, services, { json: flags.progress === "json", onEvent: renderer.onEvent });
  const watchLoop = () => watchSession(session, renderer, services, { explain: flags.explain ?? false, waitTimeoutMs: waitTimeoutMs(flags.waitTimeout), version });
  if (!flags.ui) return watchLoop();
  const { besideDashboard } = await import("./ui.js");
  await besideDashboard(session, flags, false, watchLoop);
}
