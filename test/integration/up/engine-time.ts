/**
 * The engine's timestamps (`2026-01-02T03:04:05.123456789Z`, trailing zeros
 * of the fraction dropped) at full precision: `Date` keeps milliseconds
 * only, and health probes and container starts can be closer than that.
 */

/** Nanoseconds since the epoch of one engine timestamp (UTC, `Z`). */
export function engineNanoseconds(timestamp: string): bigint {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(timestamp);
  if (!match) throw new Error(`not an engine timestamp: ${timestamp}`);
  const seconds = BigInt(Date.parse(`${match[1]}Z`) / 1000);
  return seconds * 1_000_000_000n + BigInt((match[2] ?? "").padEnd(9, "0"));
}

/** Docker's "never started" StartedAt. */
export const NEVER_STARTED = "0001-01-01T00:00:00Z";
