/**
 * Flags and facts several commands share: Compose's global stack flags and
 * tsd's version.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";

/** commander's collector for repeatable flags. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Adds the options every stack-reading command shares (Compose's global flags). */
export function withStackOptions(command: Command): Command {
  return command
    .option("-f, --file <file>", "stack file (repeatable; later files override earlier ones)", collect, [])
    .option("-p, --project-name <name>", "project name (default: top-level `name`, else the directory name)")
    .option("--project-directory <dir>", "project directory (default: the first file's directory)")
    .option("--profile <profile>", "enable a profile (repeatable)", collect, [])
    .option("--env-file <file>", "read variables from this file instead of .env (repeatable)", collect, []);
}

/** tsd's version, from package.json (written on everything tsd creates). */
export function packageVersion(): string {
  const packageJson = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

