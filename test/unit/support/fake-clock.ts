/**
 * A clock that only moves when the test says so: timers fire and sleeps end
 * in time order as `advance` passes them.
 */
import type { Clock } from "../../../src/base/clock.js";

/** A {@link Clock} driven by `advance`. */
export interface FakeClock extends Clock {
  /** Moves time forward, firing every timer and ending every sleep due on the way, in order. */
  advance(milliseconds: number): void;
}

/** A fake clock starting at `start` (ms since the epoch). */
export function fakeClock(start = 0): FakeClock {
  let now = start;
  let nextId = 0;
  const pending = new Map<number, { readonly at: number; readonly callback: () => void }>();
  const timer = (callback: () => void, milliseconds: number): (() => void) => {
    const id = ++nextId;
    pending.set(id, { at: now + milliseconds, callback });
    return () => void pending.delete(id);
  };
  return {
    now: () => now,
    timer,
    sleep: (milliseconds, signal) =>
      new Promise((resolve) => {
        const cancel = timer(resolve, milliseconds);
        signal?.addEventListener("abort", () => (cancel(), resolve()), { once: true });
      }),
    advance(milliseconds) {
      const until = now + milliseconds;
      for (;;) {
        const due = [...pending].filter(([, entry]) => entry.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
  };
}
