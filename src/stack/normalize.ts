/**
 * Written form → canonical Stack. STUB: owned by the schema/normalize helper.
 */
import type { ConfigIssue } from "../errors.js";
import type { EnvLookup } from "./interpolate.js";
import type { Location } from "./located.js";
import type { Stack } from "./model.js";
import type { StackFile } from "./schema.js";

/** What normalisation needs besides the file itself. */
export interface NormalizeContext {
  readonly name: string;
  readonly projectId: string;
  readonly projectDir: string;
  readonly files: readonly string[];
  readonly envFiles: readonly string[];
  readonly profiles: readonly string[];
  /** The caller's environment (shell wins over .env), for `environment: [KEY]` without a value and env_file interpolation. */
  readonly lookup: EnvLookup;
  /** Locates a path of the written tree, for issues. */
  readonly locate: (path: readonly (string | number)[]) => Location | undefined;
}

/** Result union. */
export type NormalizeResult = { ok: true; stack: Stack; warnings: string[] } | { ok: false; issues: ConfigIssue[] };

/** Converts every short syntax to the canonical long form; reads env_files; checks conflicting fields. */
export function normalizeStack(stackFile: StackFile, context: NormalizeContext): NormalizeResult {
  void stackFile; void context;
  throw new Error("not implemented");
}
