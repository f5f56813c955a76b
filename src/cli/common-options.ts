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

/**
 * Adds the options every stack-reading command shares (Compose's global
 * flags). Compose takes them before the verb, so its verbs may use `-f`
 * themselves (`rm -f`, `logs -f`); here they follow the verb, so such a verb
 * passes `"--file only"` and the stack file is then `--file` alone (and
 * `run -p`, Compose's --publish, passes `"--project-name only"`).
 */
export function withStackOptions(command: Command, fileFlag: "-f" | "--file only" = "-f", projectNameFlag: "-p" | "--project-name only" = "-p"): Command {
  return command
    .option(fileFlag === "-f" ? "-f, --file <file>" : "--file <file>", "stack file (repeatable; later files override earlier ones)", collect, [])
    .option(projectNameFlag === "-p" ? "-p, --project-name <name>" : "--project-name <name>", "project name (default: top-level `name`, else the directory name)")
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

/**
 * A command action that imports its implementation only when the command
 * runs, so `tsd --help` and `tsd --version` never load the verbs' code.
 */
export function lazyAction<Args extends unknown[]>(load: () => Promise<(...args: Args) => Promise<void> | void>): (...args: Args) => Promise<void> {
  return async (...args) => {
    const run = await load();
    await run(...args);
  };
}
