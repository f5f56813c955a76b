/**
 * Attached `up` on the command line: the output of every service, prefixed,
 * and the status changes stamped with the time, until Ctrl-C, which stops
 * the stack gracefully; a second Ctrl-C (or SIGTERM) kills what is left.
 */
import type { StackSession } from "../../app/session.js";
import type { CommandRenderer } from "../render/command-renderer.js";
import { logPrinter } from "../render/log-printer.js";

/** How the attached run ends. */
export interface AttachedFlags {
  readonly abortOnContainerExit: boolean;
  readonly exitCodeFrom?: string;
}

/** Follows and supervises until the stack is stopped; returns the exit code for the process. */
export async function runAttached(session: StackSession, renderer: CommandRenderer, services: readonly string[], interrupt: AbortSignal, flags: AttachedFlags): Promise<number> {
  const project = session.project;
  renderer.logs = logPrinter({ projectName: project.stack.name, services: Object.keys(project.stack.services) }, { prefix: true });
  renderer.logs.align((await session.status({ all: true, services })).filter((replica) => replica.kind === "service"));
  renderer.shownServices = services;
  renderer.phase = "attached";
  const force = new AbortController();
  const onSecond = (): void => force.abort();
  // Once the first interrupt asked for a graceful stop, the next one forces it.
  interrupt.addEventListener("abort", () => {
    process.once("SIGINT", onSecond);
    process.once("SIGTERM", onSecond);
  }, { once: true });
  try {
    return await session.attach({ services, interrupt, force: force.signal, abortOnContainerExit: flags.abortOnContainerExit, ...(flags.exitCodeFrom ? { exitCodeFrom: flags.exitCodeFrom } : {}) });
  } finally {
    process.off("SIGINT", onSecond);
    process.off("SIGTERM", onSecond);
  }
}
