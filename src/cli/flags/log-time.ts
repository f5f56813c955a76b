/**
 * `--since` and `--until` of `tsd logs`, read as the docker CLI reads them:
 * an RFC 3339 time (a time without a zone is local, like a bare date), a
 * Unix timestamp, or a Go duration counted back from now (`10m`, `1h30m`).
 */
import { UsageError } from "../../base/errors.js";

const DURATION_UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const UNIX_TIMESTAMP = /^\d+(?:\.\d+)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?$/;

/** Unix seconds (fractional) that `value` names, relative durations counted back from `now`. */
export function parseLogTime(value: string, flag: string, now: Date): number {
  const trimmed = value.trim();
  if (DURATION.test(trimmed)) {
    let milliseconds = 0;
    for (const [, amount, unit] of trimmed.matchAll(DURATION_PART)) milliseconds += Number(amount) * (DURATION_UNIT_MS[unit ?? ""] ?? 0);
    return (now.getTime() - milliseconds) / 1000;
  }
  if (UNIX_TIMESTAMP.test(trimmed)) return Number(trimmed);
  if (RFC3339.test(trimmed)) {
    // A bare date is UTC to JavaScript but local time to docker; a time without a zone is local to both.
    const parsed = Date.parse(trimmed.length === 10 ? `${trimmed}T00:00:00` : trimmed);
    if (!Number.isNaN(parsed)) return parsed / 1000;
  }
  throw new UsageError(`${flag} ${value}: expected an RFC 3339 time (2024-05-01T10:00:00Z), a Unix timestamp, or a duration such as 10m or 1h30m`);
}
