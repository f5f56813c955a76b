/**
 * The watch loop's heart, level-triggered as controller-runtime's work
 * queues are: a file event only marks the stack dirty; after a short quiet
 * period (bounded by a maximum wait, so a file rewritten every few
 * milliseconds still gets applied) one reconcile runs with every reason
 * gathered so far. One job runs at a time; events during a run collapse into
 * exactly one follow-up run. Rebuilds asked for by develop watch go through
 * the same queue, so a rebuild never races a reconcile of the same stack.
 */
import { type Clock, systemClock } from "../base/clock.js";

/** How the scheduler runs. */
export interface SchedulerOptions {
  /** Wait this long after the last event before reconciling. */
  readonly quietMs: number;
  /** ... but never longer than this after the first event of a batch. */
  readonly maxWaitMs: number;
  /** One reconcile, told why (the changed files, in the order first seen). Must not throw. */
  readonly reconcile: (reasons: readonly string[]) => Promise<void>;
  /** Time, injectable for tests. */
  readonly clock?: Clock;
}

type Job = { readonly kind: "reconcile" } | { readonly kind: "task"; readonly run: () => Promise<void> };

/** A reconcile queue: `request` is cheap and may be called from any file event. */
export class ReconcileScheduler {
  private readonly reasons: string[] = [];
  private firstRequestAt: number | undefined;
  /** Cancels the pending quiet-period timer. */
  private cancelTimer: (() => void) | undefined;
  private readonly clock: Clock;
  private readonly queue: Job[] = [];
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Marks the stack dirty because of `reason`; a reconcile follows once events go quiet. */
  request(reason: string): void {
    if (this.closed) return;
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
    const now = this.clock.now();
    this.firstRequestAt ??= now;
    this.cancelTimer?.();
    const due = Math.min(now + this.options.quietMs, this.firstRequestAt + this.options.maxWaitMs);
    this.cancelTimer = this.clock.timer(() => this.becomeDue(), Math.max(0, due - now));
  }

  /** Runs `task` when no reconcile (or other task) runs, and returns its result. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue({ kind: "task", run: () => task().then(resolve, reject) });
    });
  }

  /** Whether a job runs or waits (a batch still in its quiet period does not count). */
  get busy(): boolean {
    return this.running !== undefined || this.queue.length > 0;
  }

  /** Stops taking requests, drops queued reconciles, and waits for the job in progress. Queued tasks still run. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    for (let index = this.queue.length - 1; index >= 0; index--) if (this.queue[index]?.kind === "reconcile") this.queue.splice(index, 1);
    while (this.running) await this.running;
  }

  private becomeDue(): void {
    this.cancelTimer = undefined;
    // One reconcile waiting is enough: it takes every reason gathered until it starts.
    if (!this.queue.some((job) => job.kind === "reconcile")) this.enqueue({ kind: "reconcile" });
  }

  private enqueue(job: Job): void {
    this.queue.push(job);
    if (this.running) return;
    // Started on the next microtask, so `running` is set before a drain that finishes at once clears it.
    this.running = Promise.resolve().then(() => this.drain());
  }

  private async drain(): Promise<void> {
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        if (job.kind === "task") {
          await job.run();
          continue;
        }
        const reasons = this.reasons.splice(0);
        this.firstRequestAt = undefined;
        // A timer still pending belongs to events this run already covers.
        this.cancelTimer?.();
        this.cancelTimer = undefined;
        if (reasons.length > 0) await this.options.reconcile(reasons);
      }
    } finally {
      // A throwing reconcile is a bug in the caller: it surfaces, and the queue still restarts on the next job.
      this.running = undefined;
    }
  }
}
