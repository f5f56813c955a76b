/**
 * Ctrl-C (SIGINT) and `kill` (SIGTERM) as an AbortSignal: the running verb
 * stops starting new work and ends by itself, so its `finally` blocks (the
 * project lock) run. Which signal came decides the exit code shells expect.
 */
import { constants } from "node:os";

/** Listens for SIGINT and SIGTERM until disposed. */
export interface Interruption {
  /** Aborted by the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The signal that arrived, if one did. */
  received(): NodeJS.Signals | undefined;
  /** Stops listening: a later signal has its default effect again. */
  dispose(): void;
}

/** Starts listening; each of SIGINT and SIGTERM is caught once (a second one ends the process as usual). */
export function listenForInterruption(): Interruption {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const interrupt = (signal: NodeJS.Signals): void => {
    received ??= signal;
    controller.abort();
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      process.off("SIGINT", interrupt);
      process.off("SIGTERM", interrupt);
    },
  };
}

/** 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM. */
export function interruptedExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}
