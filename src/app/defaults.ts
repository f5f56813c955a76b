/**
 * The numbers every use case agrees on, stated once. Lower layers take them
 * as parameters; only the use cases pick them.
 */

/**
 * Operations run at once by a plan's DAG walk: every step whose dependencies
 * are done starts (dependency-level parallelism), up to this bound. It was 8,
 * which made a 30-service cold `up` four waves of creates and starts where
 * the raw engine takes them all at once (docs/benchmarks.md). The engine
 * queues what it cannot run yet itself; the bound only keeps a 300-service
 * stack from opening 300 sockets and holding 300 requests' memory at once.
 */
export const DEFAULT_PARALLELISM = 64;

/** How long a `depends_on` condition, a seed run or `--wait` may take (`--wait-timeout`'s default). */
export const DEFAULT_WAIT_TIMEOUT_MS = 300_000;

/** How long a run waits for another tsd working on the same project before giving up. */
export const LOCK_TIMEOUT_MS = 10 * 60_000;

/** `down` has no conditions to wait for; this bounds a data container's seed run, which down never starts. */
export const DOWN_WAIT_TIMEOUT_MS = 60_000;
