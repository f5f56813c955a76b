/**
 * How a duration reads in a status detail or a supervision line: `500ms`,
 * `4s`, `2m`, as Go's durations print (Compose users read those every day).
 */

/** `500ms`, `4s`, `2m`: how a delay reads in a message. */
export function formatMs(milliseconds: number): string {
  if (milliseconds < 1000) return `${milliseconds}ms`;
  if (milliseconds < 60_000 || milliseconds % 60_000 !== 0) return `${Math.round(milliseconds / 100) / 10}s`;
  return `${milliseconds / 60_000}m`;
}
