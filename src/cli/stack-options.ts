/**
 * The stack-selection flags every command shares, and their mapping to the
 * loader's options.
 */
import type { LoadOptions } from "../stack/load.js";

/** Flags as commander parses them. */
export interface StackOptions {
  readonly file: string[];
  readonly projectName?: string;
  readonly projectDirectory?: string;
  readonly profile: string[];
  readonly envFile: string[];
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

/** Warnings go to stderr so that stdout stays machine-readable. */
export function printWarnings(warnings: readonly string[], stream: NodeJS.WritableStream): void {
  for (const warning of warnings) stream.write(`warning: ${warning}\n`);
}
