/**
 * Waiting in integration tests: poll a check until it passes, never sleep a
 * guessed amount of time.
 */
import { setTimeout as delay } from "node:timers/promises";

/**
 * Runs `check` until it returns (or resolves) without throwing, and returns
 * its value. Gives up after `timeoutMs`, throwing the check's last failure as
 * is, so the test reports the real assertion ("expected 'starting' to be
 * 'healthy'"), not a bare timeout.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 30_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (failure) {
      if (Date.now() + intervalMs > deadline) throw failure;
    }
    await delay(intervalMs);
  }
}
