/**
 * Scalar units of the Compose format: durations, byte sizes, file modes,
 * booleans and integers written as strings.
 *
 * Interpolation always yields strings, so every typed field must accept the
 * textual form of its value. The parsers return `undefined` for text that is
 * not a valid value; callers phrase the error for the field.
 */

/** Go's `time.ParseDuration` syntax, without a sign: `1m30s`, `500ms`, `2us`, `1.5h`, or a bare `0`. */
export const DURATION_PATTERN = /^(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

const MILLISECONDS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  // Only for pull_policy `every_<duration>`, which compose-go reads with days and weeks.
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a Go duration into milliseconds. A bare number is rejected like Go
 * does (compose-go hands the text to `time.ParseDuration`), except `0`.
 */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_PATTERN.test(text)) return undefined;
  return sumDurationParts(text, DURATION_PART);
}

/** Like {@link parseDuration}, also accepting days (`d`) and weeks (`w`), for `pull_policy: every_2d`. */
export function parseLongDuration(text: string): number | undefined {
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w)/g;
  if (!/^((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w))+$/.test(text)) return undefined;
  return sumDurationParts(text, part);
}

function sumDurationParts(text: string, part: RegExp): number {
  let total = 0;
  for (const match of text.matchAll(part)) {
    total += Number(match[1]) * (MILLISECONDS_PER_UNIT[match[2] as string] ?? 0);
  }
  return total;
}

/** docker/go-units `RAMInBytes`: 1024-based, case-insensitive `b`, `k`, `kb`, `kib`, `m`, … `p`. */
export const BYTE_SIZE_PATTERN = /^(\d+(\.\d+)?) ?([kKmMgGtTpP][iI]?[bB]?|[bB])?$/;

const BYTE_MULTIPLIERS: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Parses a byte size (`512m`, `1.5GB`, `1024`) into bytes, rounded down. */
export function parseByteSize(text: string): number | undefined {
  const match = BYTE_SIZE_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[3] ?? "").toLowerCase();
  const multiplier = BYTE_MULTIPLIERS[unit.charAt(0)] ?? 1;
  return Math.floor(Number(match[1]) * multiplier);
}

/** Decimal integer, optionally signed. */
export const INTEGER_PATTERN = /^[-+]?\d+$/;

/** Decimal number, optionally signed and fractional. */
export const NUMBER_PATTERN = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Booleans as Compose accepts them in typed fields: YAML 1.1 words too
 * (`init: yes`), in YAML's three spellings. No regex flags: the pattern is
 * also emitted into the JSON Schema.
 */
export const BOOLEAN_PATTERN = /^([tT]rue|TRUE|[fF]alse|FALSE|[yY]es|YES|[nN]o|NO|[oO]n|ON|[oO]ff|OFF)$/;

/** Reads a boolean word matched by {@link BOOLEAN_PATTERN}. */
export function parseBooleanWord(text: string): boolean {
  return /^(true|yes|on)$/i.test(text);
}

/** Octal file mode text: `0440`, `0o440`, `440`. */
export const OCTAL_MODE_PATTERN = /^(0[oO]?)?[0-7]{1,4}$/;

/**
 * File modes. Users write them in octal (`mode: 0440`), but YAML 1.2 reads
 * `0440` as the decimal number 440, so a number whose digits are all octal
 * digits is read as octal; any other number (e.g. 288) is taken as the value.
 */
export function parseFileMode(value: string | number): number | undefined {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0) return undefined;
    const digits = String(value);
    return /^[0-7]+$/.test(digits) ? Number.parseInt(digits, 8) : value;
  }
  if (!OCTAL_MODE_PATTERN.test(value)) return undefined;
  return Number.parseInt(value.replace(/^0o/i, ""), 8);
}
