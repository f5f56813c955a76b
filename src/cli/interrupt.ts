/**
 * Following verbs (`logs -f`, `stats`, `events`) run until Ctrl-C: SIGINT or
 * SIGTERM aborts the signal they follow with, and the verb ends normally
 * (exit 0), leaving the stack as it is.
 */
import { listenForInterruption } from "./interruption.js";

/** Runs `follow` with a signal that aborts on SIGINT or SIGTERM. */
export async function untilInterrupted<T>(follow: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const interruption = listenForInterruption();
  try {
    return await follow(interruption.signal);
  } finally {
    interruption.dispose();
  }
}
