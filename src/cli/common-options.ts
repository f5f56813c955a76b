/**
 * Flags and facts several commands share: Compose's global stack flags and
 * tsd's version.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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

/**
 * tsd's version, from its package.json (written on everything tsd creates).
 * Found by walking up from this module, because the bundled CLI and the
 * sources sit at different depths below the package root.
 */
export function packageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, "package.json");
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "tsd" && manifest.version) return manifest.version;
    }
    const parent = dirname(directory);
    if (parent === directory) return "0.0.0-unknown";
    directory = parent;
  }
}
