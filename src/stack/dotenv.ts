/**
 * Compose's env-file dialect (`.env`, `env_file`, `--env-file`). STUB: owned by the dotenv/interpolation helper.
 */
import type { EnvLookup } from "./interpolate.js";

/** How an env file is read: `raw` keeps values verbatim (no quotes processing, no interpolation). */
export type EnvFileFormat = "dotenv" | "raw";

/**
 * Parses env-file text. `file` is used for error locations. `lookup` supplies
 * values for `${VAR}` references not defined earlier in the file and for bare
 * `KEY` lines (inherited from the caller's environment; omitted when absent).
 * Throws ConfigError (located `file:line:col`) on malformed input.
 */
export function parseEnvFile(text: string, file: string, lookup: EnvLookup, format: EnvFileFormat = "dotenv"): Record<string, string> {
  void text; void file; void lookup; void format;
  throw new Error("not implemented");
}

/** Reads and parses an env file from disk. A missing file or a directory is a ConfigError naming the path. */
export function readEnvFile(path: string, lookup: EnvLookup, format: EnvFileFormat = "dotenv"): Record<string, string> {
  void path; void lookup; void format;
  throw new Error("not implemented");
}
