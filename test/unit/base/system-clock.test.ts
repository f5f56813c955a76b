/**
 * The real clock's sleep: dependency waits poll many times on one abort
 * signal, so each sleep must leave the signal as it found it (a leak shows
 * as Node's MaxListenersExceededWarning in the middle of `tsd up`).
 */
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../../src/base/clock.js";

describe("systemClock.sleep", () => {
  it("must remove its abort listener once the timer fires", async () => {
    const controller = new AbortController();
    for (let round = 0; round < 12; round++) await systemClock.sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("must wake at once when the signal aborts", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
