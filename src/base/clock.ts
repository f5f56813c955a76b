/**
 * Time, behind one small interface that every layer takes as a parameter, so
 * waits, backoffs, debounces and the project lock run on a fake clock in
 * tests and never on a bare `setTimeout`.
 */

/** Time: what it is now, a sleep, and a timer that can be cancelled. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `milliseconds`, or at once when `signal` aborts (never rejects). */
  sleep(milliseconds: number, signal?: AbortSignal): Promise<void>;
  /** Calls `callback` once after `milliseconds`; returns the function that cancels it. */
  timer(callback: () => void, milliseconds: number): () => void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (milliseconds, signal) =>
    new Promise((resolve) => {
      // The listener goes when the timer fires: a long wait polls many times on one signal.
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", wake);
        resolve();
      }, milliseconds);
      signal?.addEventListener("abort", wake, { once: true });
    }),
  timer: (callback, milliseconds) => {
    const handle = setTimeout(callback, milliseconds);
    return () => clearTimeout(handle);
  },
};
