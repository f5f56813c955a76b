/**
 * A service's resolved environment: its env files in order (later files win),
 * then `environment:` on top.
 */
import { ConfigError } from "../../base/errors.js";
import { readEnvFile } from "../dotenv.js";
import { pathKind } from "../host.js";
import type { EnvLookup } from "../interpolate.js";
import type { EnvFileSpec } from "../schema/service-io.js";
import type { Report, WrittenPath } from "./report.js";

/** The environment and the env files that were read. */
export interface ResolvedEnvironment {
  readonly environment: Record<string, string | null>;
  readonly envFiles: string[];
}

/**
 * Resolves a service's environment. `KEY` written without a value takes the
 * caller's value, else stays `null`; such an unresolved key does not hide a
 * value from an env file. Values in env files are interpolated from the
 * caller's environment first, then from the service's `environment:`.
 */
export function resolveEnvironment(
  written: Readonly<Record<string, string | null>> | undefined,
  envFiles: readonly EnvFileSpec[] | undefined,
  lookup: EnvLookup,
  report: Report,
  path: WrittenPath,
): ResolvedEnvironment {
  const declared: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(written ?? {})) declared[key] = value ?? lookup(key) ?? null;
  const fileLookup: EnvLookup = (name) => lookup(name) ?? declared[name] ?? undefined;

  const fromFiles: Record<string, string> = {};
  const read: string[] = [];
  (envFiles ?? []).forEach((envFile, index) => {
    if (!envFile.required && pathKind(envFile.path) === "missing") return;
    try {
      Object.assign(fromFiles, readEnvFile(envFile.path, fileLookup, envFile.format));
      read.push(envFile.path);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // A missing or unreadable file has no location of its own: point at the env_file entry.
      const located = error.issues.some((issue) => issue.location !== undefined);
      if (located) report.add(error.issues);
      else for (const issue of error.issues) report.issue([...path, "env_file", index], issue.message);
    }
  });

  const environment: Record<string, string | null> = { ...fromFiles };
  for (const [key, value] of Object.entries(declared)) {
    if (value !== null || !(key in environment)) environment[key] = value;
  }
  return { environment, envFiles: read };
}
