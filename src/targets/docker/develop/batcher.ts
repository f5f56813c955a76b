/**
 * Debouncing per key: changes for a key are collected until it has been
 * quiet for `quietMs`, or `maxWaitMs` after the first one (so a file saved
 * in a tight loop still syncs), then handed over as one batch.
 */
import { type Clock, systemClock } from "../../../base/clock.js";

/** How long to wait for more changes. */
export interface BatchTiming {
  readonly quietMs: number;
  readonly maxWaitMs: number;
}

interface PendingBatch<T> {
  readonly items: T[];
  readonly firstAt: number;
  cancel?: () => void;
}

/** Collects items per key and flushes each key's batch once it settles. */
export class Batcher<T> {
  readonly #pending = new Map<string, PendingBatch<T>>();

  constructor(
    private readonly timing: BatchTiming,
    private readonly flush: (key: string, items: readonly T[]) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Adds an item; the key's batch flushes after the quiet period, or at its maximum wait. */
  add(key: string, item: T): void {
    const now = this.clock.now();
    const batch = this.#pending.get(key) ?? { items: [], firstAt: now };
    this.#pending.set(key, batch);
    batch.items.push(item);
    batch.cancel?.();
    const delay = Math.max(0, Math.min(this.timing.quietMs, batch.firstAt + this.timing.maxWaitMs - now));
    batch.cancel = this.clock.timer(() => this.#flushKey(key), delay);
  }

  /** Drops every pending batch without flushing it. */
  cancel(): void {
    for (const batch of this.#pending.values()) batch.cancel?.();
    this.#pending.clear();
  }

  #flushKey(key: string): void {
    const batch = this.#pending.get(key);
    if (!batch) return;
    this.#pending.delete(key);
    this.flush(key, batch.items);
  }
}
