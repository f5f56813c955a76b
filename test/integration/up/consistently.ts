/**
 * The counterpart of `eventually`: a check that must keep passing for a
 * while (a restart count that must not grow), polled rather than slept.
 */
import { setTimeout as delay } from "node:timers/promises";

/** Runs `check` every `intervalMs` for `durationMs`; the first failure is thrown as is. */
export async function consistently(check: () => void | Promise<void>, durationMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + durationMs;
  for (;;) {
    await check();
    if (Date.now() >= deadline) return;
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}
