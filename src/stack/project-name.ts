/**
 * Project name and identity. The name labels every engine object; the
 * identity (a hash of the project directory's real path) makes sure a
 * same-named project from another folder is never mistaken for this one.
 */
import { createHash } from "node:crypto";
import { basename } from "node:path";
import { ConfigError } from "../base/errors.js";
import { realPath } from "./host.js";
import type { Location } from "./located.js";

const VALID_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Where the name came from, for error messages. */
export type NameSource = "-p" | "TSD_PROJECT_NAME" | "COMPOSE_PROJECT_NAME" | "name" | "directory";

/**
 * Picks the project name: `-p` > TSD_PROJECT_NAME (or COMPOSE_PROJECT_NAME)
 * > top-level `name` > directory name. Explicit names must already be valid;
 * a directory name is normalised (lower-cased, other characters dropped).
 */
export function resolveProjectName(candidates: readonly { source: NameSource; value: string | undefined; location?: Location | undefined }[]): string {
  for (const { source, value, location } of candidates) {
    if (value === undefined || value === "") continue;
    if (source === "directory") {
      const normalised = value.toLowerCase().replace(/[^a-z0-9_-]/g, "").replace(/^[_-]+/, "");
      if (!normalised) {
        throw new ConfigError([{ path: "", message: `cannot derive a project name from the directory "${value}"` }], "set one with -p NAME or a top-level `name:`");
      }
      return normalised;
    }
    if (!VALID_NAME.test(value)) {
      const message = `invalid project name ${JSON.stringify(value)} (from ${source}): use lower-case letters, digits, "-" and "_", starting with a letter or digit`;
      // A name written in a stack file is reported at its line, like every other problem in the file.
      throw new ConfigError([{ ...(location ? { location } : {}), path: source === "name" ? "name" : "", message }]);
    }
    return value;
  }
  throw new ConfigError([{ path: "", message: "no project name could be determined" }], "set one with -p NAME");
}

/** The directory's real path and a short stable hash of it. */
export function projectIdentity(projectDir: string): { realDir: string; projectId: string } {
  // A project directory that does not exist yet (e.g. only -f files elsewhere) keeps its given path.
  const realDir = realPath(projectDir) ?? projectDir;
  const projectId = createHash("sha256").update(realDir).digest("hex").slice(0, 16);
  return { realDir, projectId };
}

/** Name a directory would give. */
export function directoryName(projectDir: string): string {
  return basename(projectDir);
}
