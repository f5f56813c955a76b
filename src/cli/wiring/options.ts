/**
 * Flags and facts several commands share: Compose's global stack flags and
 * tsd's version.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, Option } from "commander";

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

/** Adds `--target` and `--allow-unsupported`: where the stack runs. */
export function withTargetOptions(command: Command): Command {
  return command
    .option("--target <target>", "where the stack runs: docker (one engine) or swarm (a swarm manager at DOCKER_HOST); default: $TSD_TARGET, else docker")
    .option("--allow-unsupported", "swarm: deploy without the fields Swarm cannot honour (each is listed) instead of refusing the stack");
}

/**
 * tsd's version, from its package.json (written on everything tsd creates).
 * Found by walking up from this module, because the bundled CLI and the
 * sources sit at different depths below the package root.
 */
export function packageVersion(): string {
  const root = packageRoot();
  if (root === undefined) return "0.0.0-unknown";
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: string };
  return manifest.version ?? "0.0.0-unknown";
}

/**
 * The folder holding tsd's own package.json (and what ships beside it, like
 * `stacks/`), found by walking up from this module: the bundled CLI and the
 * sources sit at different depths below it.
 */
export function packageRoot(): string | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, "package.json");
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "tsd" && manifest.version) return directory;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
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

/** `--format`, the first choice being the default (human output; `json` for machines). */
export function formatOption(formats: readonly [string, ...string[]], description = "output format"): Option {
  return new Option("--format <format>", description).choices(formats).default(formats[0]);
}
