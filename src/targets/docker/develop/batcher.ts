/**
 * Debouncing per key: changes for a key are collected until it has been
 * quiet for `quietMs`, or `maxWaitMs` after the first one (so a file saved
 * in a tight loop still syncs), then handed over as one batch.
 */

/** Timers, injectable so tests run on a fake clock. */
export interface Timers {
  now(): number;
  set(callback: () => void, milliseconds: number): unknown;
  clear(handle: unknown): void;
}

/** The real timers. */
export const systemTimers: Timers = {
  now: () => Date.now(),
  set: (callback, milliseconds) => setTimeout(callback, milliseconds),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** How long to wait for more changes. */
export interface BatchTiming {
  readonly quietMs: number;
  readonly maxWaitMs: number;
}

interface PendingBatch<T> {
  readonly items: T[];
  readonly firstAt: number;
  timer: unknown;
}

/** Collects items per key and flushes each key's batch once it settles. */
export class Batcher<T> {
  readonly #pending = new Map<string, PendingBatch<T>>();

  constructor(
    private readonly timing: BatchTiming,
    private readonly flush: (key: string, items: readonly T[]) => void,
    private readonly timers: Timers = systemTimers,
  ) {}

  /** Adds an item; the key's batch flushes after the quiet period, or at its maximum wait. */
  add(key: string, item: T): void {
    const now = this.timers.now();
    const batch = this.#pending.get(key) ?? { items: [], firstAt: now, timer: undefined };
    this.#pending.set(key, batch);
    batch.items.push(item);
    if (batch.timer !== undefined) this.timers.clear(batch.timer);
    const delay = Math.max(0, Math.min(this.timing.quietMs, batch.firstAt + this.timing.maxWaitMs - now));
    batch.timer = this.timers.set(() => this.#flushKey(key), delay);
  }

  /** Drops every pending batch without flushing it. */
  cancel(): void {
    for (const batch of this.#pending.values()) this.timers.clear(batch.timer);
    this.#pending.clear();
  }

  #flushKey(key: string): void {
    const batch = this.#pending.get(key);
    if (!batch) return;
    this.#pending.delete(key);
    this.flush(key, batch.items);
  }
}
