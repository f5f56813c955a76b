/**
 * Scalars in the forms `docker compose config` prints them (compose-go's
 * `types` marshalling): durations as Go durations, byte sizes as strings of
 * bytes, file modes as octal strings. Each is read back by tsd's parsers
 * (syntax/units.ts) to the same value.
 */

const NANOSECONDS_PER_MILLISECOND = 1_000_000n;
const NANOSECONDS_PER_SECOND = 1_000_000_000n;

/**
 * Milliseconds → Go's `time.Duration.String()`: `0s`, `500ms`, `1.5s`,
 * `1m30s`, `1h0m0s`. Sub-millisecond values keep their precision (`1.5µs`).
 */
export function formatDuration(milliseconds: number): string {
  const whole = Math.trunc(milliseconds);
  const nanoseconds = BigInt(whole) * NANOSECONDS_PER_MILLISECOND + BigInt(Math.round((milliseconds - whole) * 1e6));
  if (nanoseconds === 0n) return "0s";
  if (nanoseconds < 1_000n) return `${nanoseconds}ns`;
  if (nanoseconds < NANOSECONDS_PER_MILLISECOND) return `${withFraction(nanoseconds, 3)}µs`;
  if (nanoseconds < NANOSECONDS_PER_SECOND) return `${withFraction(nanoseconds, 6)}ms`;
  const minuteInNanoseconds = 60n * NANOSECONDS_PER_SECOND;
  const seconds = `${withFraction(nanoseconds % minuteInNanoseconds, 9)}s`;
  const totalMinutes = nanoseconds / minuteInNanoseconds;
  if (totalMinutes === 0n) return seconds;
  const minutes = `${totalMinutes % 60n}m${seconds}`;
  const hours = totalMinutes / 60n;
  return hours === 0n ? minutes : `${hours}h${minutes}`;
}

/** `value / 10^digits` in decimal, trailing zeros dropped (Go's `fmtFrac`). */
function withFraction(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const fraction = (value % scale).toString().padStart(digits, "0").replace(/0+$/, "");
  return fraction === "" ? `${value / scale}` : `${value / scale}.${fraction}`;
}

/** Bytes → the string of the number, as compose-go prints `UnitBytes` (`-1` stays `-1`). */
export function formatBytes(bytes: number): string {
  return String(bytes);
}

/** A file mode → `0` and its octal digits (`0440`), as compose-go prints `FileMode`. */
export function formatFileMode(mode: number): string {
  return `0${mode.toString(8)}`;
}
