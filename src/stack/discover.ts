/**
 * Which stack files to read when the user gives no `-f`, and which directory
 * is the project's.
 */
import { basename, dirname, extname, join, resolve } from "node:path";
import { ConfigError } from "../base/errors.js";
import { pathKind } from "./host.js";

/**
 * Names looked for, in order of preference: tsd's own names first
 * (`tsd init` writes `tsd.yaml`; the examples and the README use `stack.yml`), then Compose's,
 * in Compose's own order. docs/validation.md lists the order for users.
 */
export const DEFAULT_FILE_NAMES = [
  "tsd.yaml",
  "tsd.yml",
  "stack.yaml",
  "stack.yml",
  "compose.yaml",
  "compose.yml",
  "docker-compose.yml",
  "docker-compose.yaml",
] as const;

/** The files to load, in merge order, and the project directory. */
export interface DiscoveredFiles {
  readonly files: readonly string[];
  readonly projectDir: string;
}

/**
 * Explicit files are taken as given (resolved against `cwd`); `-` is not
 * supported yet. Without them, the current directory and then its parents
 * are searched for the first default name, plus its `.override` sibling
 * (`compose.yaml` → `compose.override.yaml`), as Compose does.
 */
export function discoverFiles(cwd: string, explicitFiles: readonly string[], projectDirectory?: string): DiscoveredFiles {
  if (explicitFiles.length > 0) {
    const files = explicitFiles.map((file) => resolve(cwd, file));
    const first = files[0] as string;
    return { files, projectDir: projectDirectory ? resolve(cwd, projectDirectory) : dirname(first) };
  }
  for (let directory = resolve(cwd); ; directory = dirname(directory)) {
    const found = findDefaultFile(directory);
    if (found) {
      const override = overrideFileFor(found);
      return {
        files: override ? [found, override] : [found],
        projectDir: projectDirectory ? resolve(cwd, projectDirectory) : directory,
      };
    }
    if (dirname(directory) === directory) break;
  }
  throw new ConfigError(
    [{ path: "", message: `no stack file found in ${resolve(cwd)} or its parents (looked for ${DEFAULT_FILE_NAMES.join(", ")})` }],
    "pass one with -f FILE, or run `tsd init` to start from a ready-made stack",
  );
}

function findDefaultFile(directory: string): string | undefined {
  for (const name of DEFAULT_FILE_NAMES) {
    const candidate = join(directory, name);
    if (pathKind(candidate) === "file") return candidate;
  }
  return undefined;
}

function overrideFileFor(file: string): string | undefined {
  const extension = extname(file);
  const stem = basename(file, extension);
  for (const candidateExtension of [extension, extension === ".yaml" ? ".yml" : ".yaml"]) {
    const candidate = join(dirname(file), `${stem}.override${candidateExtension}`);
    if (pathKind(candidate) !== "missing") return candidate;
  }
  return undefined;
}
