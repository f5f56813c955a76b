/**
 * The scanner for Compose's `.env` dialect (compose-go's godotenv-derived
 * parser), with every problem located `file:line:col`.
 *
 * What the dialect accepts, as Compose does:
 * - `KEY=value`, `KEY = value`, `KEY: value`, an optional `export ` prefix;
 *   keys may hold letters, digits, `_`, `.`, `-`, `[` and `]`;
 * - blank lines and full-line `#` comments; in an unquoted value ` #` (a
 *   blank then `#`) starts a comment, while `1234#5` keeps its `#`;
 * - unquoted values are trimmed and interpolated;
 * - `'single'` values are verbatim (a `\'` does not end them and keeps its
 *   backslash) and may span lines;
 * - `"double"` values expand `\n \t \r \a \b \f \v \" \\ \$` and `\0ddd`
 *   octal escapes, are interpolated, and may span lines;
 * - a bare `KEY` line takes the caller's value and is omitted when unset.
 * Variables in values are looked up in the caller's environment first, then
 * among the keys defined earlier in the file; an undefined one is empty.
 *
 * Deliberate differences, each turning a silent surprise into an error:
 * text after a closing quote other than a comment, and an empty key
 * (`=value`), are rejected; a bare key on the last line without a newline is
 * an inherited key (compose-go reads it as the value of an empty key).
 */
import { type ConfigIssue, ConfigError } from "../base/errors.js";
import { type EnvLookup, interpolateString } from "./interpolate.js";
import type { Location } from "./located.js";

/** Blanks that do not end a line (compose-go's `isSpace`). */
const INLINE_BLANKS = new Set(["\t", "\v", "\f", "\r", " ", "\u0085", "\u00a0"]);
/** Characters a key may hold. */
const KEY_CHARACTER = /^[\p{L}\p{N}_.\-[\]]$/u;
/** `export` followed by a blank; `exportFOO=1` keeps `exportFOO` as its key. */
const EXPORT_PREFIX = /export[ \t]+/y;
/** Escapes expanded inside double quotes; anything else (`\x41`, `\'`) keeps its backslash. */
const DOUBLE_QUOTED_ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: "\u0007", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", '"': '"', "\\": "\\",
  // Left for the interpolation step, where `$$` is a literal `$`.
  $: "$$",
};

/** Parses `.env`-dialect text; throws one ConfigError listing every problem found. */
export function parseDotenv(text: string, file: string, lookup: EnvLookup): Record<string, string> {
  return new DotenvParser(text, file, lookup).parse();
}

class DotenvParser {
  private position = 0;
  private readonly values = new Map<string, string>();
  private readonly issues: ConfigIssue[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lookup: EnvLookup,
  ) {}

  parse(): Record<string, string> {
    while (this.skipBlankLinesAndComments()) this.statement();
    if (this.issues.length > 0) throw new ConfigError(this.issues);
    // compose-go drops keys starting with a digit (`456 = ABC` in its fixtures) after parsing.
    return Object.fromEntries([...this.values].filter(([key]) => !/^[0-9]/.test(key)));
  }

  /** Moves to the next statement; false at the end of the text. */
  private skipBlankLinesAndComments(): boolean {
    const { text } = this;
    for (;;) {
      while (this.position < text.length && /\s/u.test(text[this.position] ?? "")) this.position++;
      if (this.position >= text.length) return false;
      if (text[this.position] !== "#") return true;
      this.skipToNextLine(this.position);
    }
  }

  private statement(): void {
    const { text } = this;
    EXPORT_PREFIX.lastIndex = this.position;
    if (EXPORT_PREFIX.test(text)) this.position = EXPORT_PREFIX.lastIndex;
    const keyStart = this.position;
    let separator = keyStart;
    while (separator < text.length && !"=:\n".includes(text[separator] ?? "")) separator++;
    const key = text.slice(keyStart, separator).trimEnd();
    const keyProblem = this.keyProblem(key, text[separator]);
    if (keyProblem) this.fail(keyStart + keyProblem.offset, keyProblem.message);

    if (separator >= text.length || text[separator] === "\n") {
      this.position = separator + 1;
      const inherited = keyProblem ? undefined : this.lookup(key);
      if (inherited !== undefined) this.values.set(key, inherited);
      return;
    }
    let valueStart = separator + 1;
    while (valueStart < text.length && INLINE_BLANKS.has(text[valueStart] ?? "")) valueStart++;
    const quote = text[valueStart];
    // The value is read even after a bad key, so that a multi-line value does not produce more errors.
    const value = quote === '"' || quote === "'" ? this.quoted(key, valueStart, quote) : this.unquoted(key, valueStart);
    if (value !== undefined && !keyProblem) this.values.set(key, value);
  }

  /** What is wrong with a key, and where (offset into the key). */
  private keyProblem(key: string, separator: string | undefined): { offset: number; message: string } | undefined {
    if (key === "") return { offset: 0, message: `missing a variable name before ${JSON.stringify(separator)}` };
    const blank = key.search(/\s/u);
    if (blank >= 0) return { offset: 0, message: `key ${JSON.stringify(key)} cannot contain a space` };
    for (let index = 0; index < key.length; ) {
      const character = String.fromCodePoint(key.codePointAt(index) ?? 0);
      if (!KEY_CHARACTER.test(character)) {
        return {
          offset: index,
          message: `unexpected character ${JSON.stringify(character)} in variable name ${JSON.stringify(key)}`,
        };
      }
      index += character.length;
    }
    return undefined;
  }

  /** An unquoted value: to the end of the line, without a ` #` comment, trimmed, interpolated. */
  private unquoted(key: string, start: number): string | undefined {
    const newline = this.text.indexOf("\n", start);
    const lineEnd = newline < 0 ? this.text.length : newline;
    let raw = this.text.slice(start, lineEnd);
    const comment = raw.indexOf(" #");
    if (comment >= 0) raw = raw.slice(0, comment);
    this.position = lineEnd + 1;
    return this.expand(key, raw.trimEnd(), start);
  }

  /** A quoted value opening at `open`; a backslash always keeps the next character inside the quotes. */
  private quoted(key: string, open: number, quote: string): string | undefined {
    const { text } = this;
    let close = open + 1;
    while (close < text.length && text[close] !== quote) close += text[close] === "\\" ? 2 : 1;
    if (close >= text.length) {
      this.fail(open, `unterminated quoted value: the ${quote} opened here is never closed`);
      this.position = text.length;
      return undefined;
    }
    const inner = text.slice(open + 1, close);
    this.afterClosingQuote(close + 1);
    if (quote === "'") return inner;
    const unescaped = inner.replace(DOUBLE_QUOTED_ESCAPE, (escape) => expandEscape(escape));
    return this.expand(key, unescaped, open);
  }

  /** Only blanks and a `#` comment may follow a closing quote on its line. */
  private afterClosingQuote(start: number): void {
    const { text } = this;
    let index = start;
    while (index < text.length && INLINE_BLANKS.has(text[index] ?? "")) index++;
    if (index < text.length && text[index] !== "\n" && text[index] !== "#") {
      // Env files hold passwords: messages point at the text, they never repeat it.
      this.fail(index, 'unexpected text after the closing quote (quote the whole value, or start a comment with "#")');
    }
    this.skipToNextLine(index);
  }

  /** Interpolates a value: the caller's environment first, then keys defined earlier in the file. */
  private expand(key: string, raw: string, at: number): string | undefined {
    const lookup: EnvLookup = (name) => this.lookup(name) ?? this.values.get(name);
    try {
      return interpolateString(raw, lookup, () => undefined);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const issue of error.issues) this.fail(at, `${key}: ${withoutValue(issue.message)}`);
      return undefined;
    }
  }

  private skipToNextLine(from: number): void {
    const newline = this.text.indexOf("\n", from);
    this.position = newline < 0 ? this.text.length : newline + 1;
  }

  private fail(position: number, message: string): void {
    this.issues.push({ location: this.locate(position), path: "", message });
  }

  private locate(position: number): Location {
    const before = this.text.slice(0, position);
    const line = before.split("\n").length;
    const column = position - (before.lastIndexOf("\n") + 1) + 1;
    return { file: this.file, line, column };
  }
}

/** One double-quoted escape (see DOUBLE_QUOTED_ESCAPE). */
function expandEscape(escape: string): string {
  const body = escape.slice(1);
  const simple = SIMPLE_ESCAPES[body];
  if (simple !== undefined) return simple;
  if (body === "c") return escape;
  // `\0ddd`: exactly three octal digits after the `0`, at most 255, as Go's UnquoteChar accepts.
  const digits = body.slice(1);
  if (/^[0-7]{3}$/.test(digits)) {
    const code = Number.parseInt(digits, 8);
    if (code <= 0xff) return String.fromCharCode(code);
  }
  return escape;
}

/** An interpolation message without the value it quotes (`invalid interpolation format for "…": …`): the value may be a secret. */
function withoutValue(message: string): string {
  return message.replace(/^invalid interpolation format for "(?:[^"\\]|\\.)*": /, "invalid interpolation format in the value: ");
}
