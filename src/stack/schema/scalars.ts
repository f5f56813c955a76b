/**
 * zod building blocks for typed scalar fields. Each accepts the value's
 * textual form too (interpolation yields strings) and outputs the typed value;
 * error messages quote what the user wrote.
 */
import { z } from "zod";
import {
  BOOLEAN_PATTERN,
  BYTE_SIZE_PATTERN,
  DURATION_PATTERN,
  INTEGER_PATTERN,
  NUMBER_PATTERN,
  parseBooleanWord,
  parseByteSize,
  parseDuration,
  parseFileMode,
} from "../syntax/units.js";

/** `"x"` for strings, the plain value otherwise: how a written value is quoted in messages. */
export function quote(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Message function quoting the input. */
function saying(describe: (input: string) => string) {
  return (issue: { input?: unknown }): string => describe(quote(issue.input));
}

/**
 * A rule on a parsed value that the type alone cannot express (a minimum the
 * engine enforces, a forbidden value): `undefined` when the value is fine,
 * else the rest of the message after the quoted written value, in the form
 * `<what is wrong> (<what is allowed>)`.
 */
export type ValueRule<T> = (value: T) => string | undefined;

/** Applies a rule inside a transform; the message quotes what the user wrote. */
function applyRule<T>(rule: ValueRule<T> | undefined, written: unknown, value: T, context: z.RefinementCtx): T {
  const problem = rule?.(value);
  if (problem === undefined) return value;
  context.issues.push({ code: "custom", input: written, message: `${quote(written)} ${problem}` });
  return z.NEVER;
}

/** An integer, written as a number or a decimal string; `min`/`max` bound it, `rule` checks the rest. */
export function integer(options: { min?: number; max?: number; rule?: ValueRule<number> } = {}) {
  const { min, max, rule } = options;
  const bounds =
    min !== undefined && max !== undefined ? ` between ${min} and ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : "";
  return z
    .union([z.int(), z.string().regex(INTEGER_PATTERN, { error: saying((input) => `${input} is not an integer`) })], {
      error: `must be an integer${bounds}`,
    })
    .transform((value, context) => {
      const parsed = typeof value === "number" ? value : Number(value);
      if ((min !== undefined && parsed < min) || (max !== undefined && parsed > max)) {
        context.issues.push({ code: "custom", input: value, message: `${quote(value)} must be an integer${bounds}` });
        return z.NEVER;
      }
      return applyRule(rule, value, parsed, context);
    });
}

/** A (possibly fractional) number, written as a number or a decimal string. */
export function decimal(rule?: ValueRule<number>) {
  return z
    .union([z.number(), z.string().regex(NUMBER_PATTERN, { error: saying((input) => `${input} is not a number`) })], {
      error: "must be a number",
    })
    .transform((value, context) => applyRule(rule, value, typeof value === "number" ? value : Number(value), context));
}

/** A boolean: `true`/`false`, and as text also YAML 1.1's `yes`/`no`/`on`/`off`. */
export function boolean() {
  return z
    .union(
      [z.boolean(), z.string().regex(BOOLEAN_PATTERN, { error: saying((input) => `${input} is not a boolean (use true or false)`) })],
      { error: "must be true or false" },
    )
    .transform((value) => (typeof value === "boolean" ? value : parseBooleanWord(value)));
}

/** A byte size: a number of bytes or text like `512m`, `1.5GB`; output in bytes. */
export function byteSize(rule?: ValueRule<number>) {
  return z
    .union(
      [
        z.int().min(0, { error: "must not be negative" }),
        z.string().regex(BYTE_SIZE_PATTERN, { error: saying((input) => `${input} is not a byte size (e.g. 512m, 1g, 1024)`) }),
      ],
      { error: 'must be a byte size, e.g. 512m, 1g or a number of bytes' },
    )
    .transform((value, context) => applyRule(rule, value, typeof value === "number" ? value : (parseByteSize(value) as number), context));
}

/** A Go duration (`1m30s`, `10s`, `500ms`); output in milliseconds. */
export function duration(rule?: ValueRule<number>) {
  return z
    .string({ error: 'must be a duration, e.g. "10s" or "1m30s"' })
    .regex(DURATION_PATTERN, {
      error: saying((input) =>
        /^"\d+(\.\d+)?"$/.test(input)
          ? `${input} is not a valid duration: add a unit, e.g. "${input.slice(1, -1)}s"`
          : `${input} is not a valid duration (e.g. "10s", "1m30s", "500ms")`,
      ),
    })
    .transform((value, context) => applyRule(rule, value, parseDuration(value) as number, context));
}

/** A file mode in octal (`0440`, `"0440"`); see {@link parseFileMode}. */
export function fileMode() {
  return z
    .union([z.int(), z.string()], { error: 'must be a file mode in octal, e.g. 0440' })
    .transform((value, context) => {
      const mode = parseFileMode(value);
      if (mode === undefined) {
        context.issues.push({ code: "custom", input: value, message: `${quote(value)} is not a file mode (octal, e.g. 0440)` });
        return z.NEVER;
      }
      return mode;
    });
}

/** A string; numbers are accepted and kept as their text (`user: 1000`). */
export function text(what = "a string") {
  return z.union([z.string(), z.number()], { error: `must be ${what}` }).transform((value) => String(value));
}

/** A plain string. */
export function str(what = "a string") {
  return z.string({ error: `must be ${what}` });
}

/** A list of strings (numbers accepted as text). */
export function stringList() {
  return z.array(text(), { error: "must be a list of strings" });
}

/** A string or a list of strings; output is always a list. */
export function stringOrList() {
  return z
    .union([z.string(), z.array(text())], { error: "must be a string or a list of strings" })
    .transform((value) => (typeof value === "string" ? [value] : value));
}

/** Values allowed in the map form of list_or_dict. */
const dictValue = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: "must be a string, a number, a boolean or null" });

/**
 * Checks on the entries of a `list_or_dict`. Each returns `undefined` when
 * the entry is fine, else the message. Messages name the key, never the
 * value: an environment value may be a password, and errors are printed.
 */
export interface EntryRules {
  readonly key?: (key: string) => string | undefined;
  readonly value?: (key: string, value: string) => string | undefined;
}

/**
 * Compose's `list_or_dict`: a list of `KEY=VALUE` strings or a mapping.
 * Output is a mapping; `KEY` without `=` (or a null value) maps to `null`.
 * In the list form, the last entry for a key wins. `rules` reject bad entries.
 */
export function listOrDict(rules: EntryRules = {}) {
  const problemOf = (key: string, value: string | null): string | undefined => {
    if (key === "") return 'the name is empty (write NAME=value)';
    return rules.key?.(key) ?? (value === null ? undefined : rules.value?.(key, value));
  };
  return z
    .union([z.array(z.string({ error: "must be a KEY=VALUE string" })), z.record(z.string(), dictValue)], {
      error: "must be a mapping or a list of KEY=VALUE strings",
    })
    .transform((value, context) => {
      const out: Record<string, string | null> = {};
      if (Array.isArray(value)) {
        value.forEach((entry, index) => {
          const separator = entry.indexOf("=");
          const key = separator < 0 ? entry : entry.slice(0, separator);
          const entryValue = separator < 0 ? null : entry.slice(separator + 1);
          const problem = problemOf(key, entryValue);
          if (problem) {
            context.issues.push({ code: "custom", input: key, path: [index], message: problem });
            return;
          }
          out[key] = entryValue;
        });
        return out;
      }
      for (const [key, entry] of Object.entries(value)) {
        const entryValue = entry === null ? null : String(entry);
        const problem = problemOf(key, entryValue);
        if (problem) context.issues.push({ code: "custom", input: key, path: [key], message: problem });
        else out[key] = entryValue;
      }
      return out;
    });
}

/** Driver options and the like: a mapping of strings (numbers accepted as text). */
export function stringMap(what = "a mapping of strings") {
  return z.record(z.string(), text("a string or a number"), { error: `must be ${what}` });
}

/** A zod transform that runs a syntax parser and reports its message as the issue. */
export function parsedBy<In, Out>(parse: (value: In) => { ok: true; value: Out } | { ok: false; message: string }) {
  return (value: In, context: z.RefinementCtx): Out => {
    const result = parse(value);
    if (result.ok) return result.value;
    context.issues.push({ code: "custom", input: value, message: result.message });
    return z.NEVER;
  };
}
