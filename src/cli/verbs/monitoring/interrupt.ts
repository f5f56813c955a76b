/**
 * Following verbs (`logs -f`, `stats`, `events`) run until Ctrl-C: SIGINT or
 * SIGTERM aborts the signal they follow with, and the verb ends normally
 * (exit 0), leaving the stack as it is.
 */

/** Runs `follow` with a signal that aborts on SIGINT or SIGTERM. */
export async function untilInterrupted<T>(follow: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    return await follow(controller.signal);
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
  }
}
