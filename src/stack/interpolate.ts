/**
 * `${VAR}` interpolation with Compose's exact semantics. STUB: owned by the dotenv/interpolation helper.
 */
import type { PlainMap } from "./located.js";

/** Looks a variable up; `undefined` means unset (distinct from empty). */
export type EnvLookup = (name: string) => string | undefined;

/** Receives a warning (the loader de-duplicates and prints them). */
export type Warn = (message: string) => void;

/**
 * Interpolates one template string. Throws ConfigError on malformed syntax or
 * a failed `${V:?err}` (message without location; callers add it).
 */
export function interpolateString(template: string, lookup: EnvLookup, warn: Warn): string {
  void template; void lookup; void warn;
  throw new Error("not implemented");
}

/**
 * Interpolates every string value (never keys) of a parsed stack file in
 * place, keeping locations. Collects all errors and throws one ConfigError
 * with each problem located (`file:line:col path: message`).
 */
export function interpolateTree(tree: PlainMap, lookup: EnvLookup, warn: Warn): void {
  void tree; void lookup; void warn;
  throw new Error("not implemented");
}
