/**
 * The environment used for interpolation: the caller's shell environment,
 * then the project's env files (`.env`, or every `--env-file` in order, later
 * files winning). Shell variables always win, as in Compose.
 */
import { join, resolve } from "node:path";
import { readEnvFile } from "./dotenv.js";
import { pathKind } from "./host.js";
import type { EnvLookup } from "./interpolate.js";

/** The project's variables and where they came from. */
export interface ProjectEnvironment {
  /** Looks a variable up: shell first, then env files. */
  readonly lookup: EnvLookup;
  /** Env files that were read (absolute paths). */
  readonly files: readonly string[];
}

/**
 * Reads the project env files. With explicit `--env-file`s the default `.env`
 * is not read (Compose v2 behaviour); a missing explicit file is an error,
 * a missing `.env` is not.
 */
export function loadProjectEnvironment(
  shell: Readonly<Record<string, string | undefined>>,
  projectDir: string,
  explicitEnvFiles: readonly string[],
  cwd: string,
  fallback?: EnvLookup,
): ProjectEnvironment {
  const fromFiles: Record<string, string> = {};
  const files: string[] = [];
  const lookup: EnvLookup = (name) => shell[name] ?? fromFiles[name] ?? fallback?.(name);
  const candidates = explicitEnvFiles.length > 0 ? explicitEnvFiles.map((file) => resolve(cwd, file)) : [join(projectDir, ".env")];
  for (const file of candidates) {
    if (explicitEnvFiles.length === 0 && pathKind(file) === "missing") continue;
    // Each file may refer to variables defined by the ones before it.
    Object.assign(fromFiles, readEnvFile(file, lookup));
    files.push(file);
  }
  return { lookup, files };
}
