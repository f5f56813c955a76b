/**
 * The stack-selection flags every command shares, and their mapping to the
 * loader's options.
 */
import { cacheDirectory } from "../base/cache-directory.js";
import type { StackSelection } from "../app/context.js";
import type { LoadOptions } from "../stack/load.js";

/** Set by scripts/build.mjs to a digest of the sources and the lockfile; absent when tsd runs from source. */
declare const __TSD_BUILD_ID__: string | undefined;

/** Flags as commander parses them. */
export interface StackOptions {
  readonly file: string[];
  readonly projectName?: string;
  readonly projectDirectory?: string;
  readonly profile: string[];
  readonly envFile: string[];
  /** `--target` (the verbs that take it): `docker` or `swarm`; absent: TSD_TARGET, else docker. */
  readonly target?: string;
  /** `--allow-unsupported` (Swarm): list and ignore what the target cannot honour instead of refusing. */
  readonly allowUnsupported?: boolean;
}

/** Flags → loader options, relative to the current directory. */
export function toLoadOptions(options: StackOptions, cwd = process.cwd()): LoadOptions {
  return {
    cwd,
    files: options.file,
    profiles: options.profile,
    envFiles: options.envFile,
    ...(options.projectName !== undefined ? { projectName: options.projectName } : {}),
    ...(options.projectDirectory !== undefined ? { projectDirectory: options.projectDirectory } : {}),
  };
}

/**
 * What an engine command loads: the options, and the stack cache. The cache
 * is on for built tsd (never when running from source, where the code changes
 * without a new build id) unless TSD_NO_CACHE is set; it lives in
 * TSD_CACHE_DIR, else $XDG_CACHE_HOME/tsd/stacks, else ~/.cache/tsd/stacks.
 */
export function stackSelection(options: StackOptions, environment: NodeJS.ProcessEnv = process.env): StackSelection {
  const load = toLoadOptions(options);
  const buildId = typeof __TSD_BUILD_ID__ === "string" ? __TSD_BUILD_ID__ : undefined;
  const directory = stackCacheDirectory(environment);
  if (buildId === undefined || directory === undefined || isSet(environment.TSD_NO_CACHE)) return { load };
  return { load, stackCache: { directory, buildId } };
}

function stackCacheDirectory(environment: NodeJS.ProcessEnv): string | undefined {
  if (environment.TSD_CACHE_DIR) return environment.TSD_CACHE_DIR;
  return cacheDirectory("stacks", environment);
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

/** Where `up` keeps each project's last step timings (for `plan --timings`): beside the stack cache. */
export function timingsDirectory(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  return cacheDirectory("timings", environment);
}
