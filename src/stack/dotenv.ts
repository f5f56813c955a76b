/**
 * Compose's env-file dialect (`.env`, `env_file`, `--env-file`).
 *
 * We parse it ourselves instead of using the npm `dotenv` package because
 * that package does not implement Compose's dialect: bare `KEY` lines that
 * inherit the caller's value, `${VAR}` interpolation of earlier keys and of
 * the caller's environment, `KEY: value` lines, Compose's escape rules, and
 * errors located `file:line:col`. The dotenv dialect itself is scanned in
 * `dotenv-parser.ts`; `format: raw` (docker's `--env-file` rules) is here.
 */
import { resolve } from "node:path";
import { type ConfigIssue, ConfigError, configError } from "../base/errors.js";
import { parseDotenv } from "./dotenv-parser.js";
import { pathKind, readText } from "./host.js";
import type { EnvLookup } from "./interpolate.js";

/** How an env file is read: `raw` keeps values verbatim (no quotes processing, no interpolation). */
export type EnvFileFormat = "dotenv" | "raw";

const BYTE_ORDER_MARK = "\uFEFF";

/**
 * Parses env-file text. `file` is used for error locations. `lookup` supplies
 * values for `${VAR}` references not defined earlier in the file and for bare
 * `KEY` lines (inherited from the caller's environment; omitted when absent).
 * Throws ConfigError (located `file:line:col`) on malformed input.
 *
 * As in Compose, a `${VAR}` reference prefers the caller's value over a key
 * defined earlier in the file, while the key's own value in the file is kept.
 */
export function parseEnvFile(text: string, file: string, lookup: EnvLookup, format: EnvFileFormat = "dotenv"): Record<string, string> {
  // Some Windows editors write a byte order mark; it is not part of the first key.
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;
  switch (format) {
    case "dotenv":
      return parseDotenv(body, file, lookup);
    case "raw":
      return parseRaw(body, file, lookup);
  }
}

/** Reads and parses an env file from disk. A missing file or a directory is a ConfigError naming the path. */
export function readEnvFile(path: string, lookup: EnvLookup, format: EnvFileFormat = "dotenv"): Record<string, string> {
  const absolute = resolve(path);
  let text: string;
  try {
    if (pathKind(absolute) === "directory") throw configError(`env file ${absolute} is a directory, not a file`);
    text = readText(absolute);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw configError(`env file ${absolute} not found`);
    throw configError(`env file ${absolute} cannot be read (${code ?? String(error)})`);
  }
  return parseEnvFile(text, absolute, lookup, format);
}

/**
 * `format: raw`, the rules of `docker run --env-file`: one `KEY=VALUE` per
 * line split at the first `=`, the value kept verbatim (quotes, `#`, `$`
 * and surrounding blanks included); blank lines and lines starting with `#`
 * are skipped; a bare `KEY` inherits the caller's value.
 */
function parseRaw(text: string, file: string, lookup: EnvLookup): Record<string, string> {
  const values = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  text.split("\n").forEach((fullLine, index) => {
    const line = fullLine.endsWith("\r") ? fullLine.slice(0, -1) : fullLine;
    const content = line.trimStart();
    if (content === "" || content.startsWith("#")) return;
    const location = { file, line: index + 1, column: line.length - content.length + 1 };
    const equals = content.indexOf("=");
    const key = equals < 0 ? content.trimEnd() : content.slice(0, equals);
    if (key === "") {
      issues.push({ location, path: "", message: 'missing a variable name before "="' });
    } else if (/\s/u.test(key)) {
      issues.push({ location, path: "", message: `key ${JSON.stringify(key)} cannot contain a space` });
    } else if (equals >= 0) {
      values.set(key, content.slice(equals + 1));
    } else {
      const inherited = lookup(key);
      if (inherited !== undefined) values.set(key, inherited);
    }
  });
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.fromEntries(values);
}
