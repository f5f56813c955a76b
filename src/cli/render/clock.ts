/**
 * Times and durations as the CLI's lines show them: the watch loop's
 * `12:00:01`, the attached view's `12:00:01.123`, and `850 ms` / `4.2 s`.
 */

const two = (value: number) => String(value).padStart(2, "0");

/** `12:00:01`, local time, as a terminal log reads it. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** `12:03:20.123`: local wall-clock time with milliseconds (the attached view's transitions). */
export function preciseClockTime(at: number): string {
  return `${clockTime(at)}.${String(new Date(at).getMilliseconds()).padStart(3, "0")}`;
}

/** `850 ms`, `4.2 s`. */
export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}
