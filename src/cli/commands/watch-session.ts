/**
 * Watching on the command line (`tsd watch`, `tsd up --watch`): the session
 * watches until Ctrl-C, which ends watching and leaves the stack running; a
 * second Ctrl-C leaves at once, even in the middle of a pass.
 */
import type { StackSession } from "../../app/session.js";
import type { CommandRenderer } from "../render/command-renderer.js";

/** Watches a stack that is up, until Ctrl-C (a second Ctrl-C leaves at once, even mid-pass). */
export async function watchSession(session: StackSession, renderer: CommandRenderer, services: readonly string[], options: { readonly explain: boolean; readonly waitTimeoutMs: number; readonly version: string }): Promise<void> {
  const controller = new AbortController();
  const interrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  renderer.phase = "watching";
  try {
    await session.watch({ services, version: options.version, explain: options.explain, waitTimeoutMs: options.waitTimeoutMs, signal: controller.signal });
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
  }
}
