/**
 * Work for one service runs one job at a time; jobs that arrive while one
 * runs are merged into a single queued job. So a burst of saves during a
 * rebuild costs one more rebuild, not one per save, and syncs never
 * overtake each other.
 */

/** Runs jobs of type T one at a time, merging the waiting ones. */
export class CoalescingRunner<T> {
  #queued: T | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly run: (job: T) => Promise<void>,
    private readonly merge: (queued: T, next: T) => T,
    /** A failed job is reported here; the queued one still runs. */
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues a job (merged with one already waiting); resolves when the run that includes it ends. */
  submit(job: T): Promise<void> {
    this.#queued = this.#queued === undefined ? job : this.merge(this.#queued, job);
    if (!this.#running) this.#running = this.#drain();
    return this.#running;
  }

  /** Resolves once nothing is running or queued. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queued !== undefined) {
        const job = this.#queued;
        this.#queued = undefined;
        await this.run(job).catch(this.onError);
      }
    } finally {
      this.#running = undefined;
    }
  }
}
