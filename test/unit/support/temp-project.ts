/**
 * Fixture trees from object literals: `{ "stack.yml": "...", ".env": "..." }`
 * written into a fresh temp directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A temporary project folder; `cleanup()` removes it. */
export interface TempProject {
  readonly dir: string;
  path(relative: string): string;
  write(relative: string, content: string): string;
  cleanup(): void;
}

/** Creates a temp folder holding `files` (paths relative to it; folders created as needed). */
export function tempProject(files: Readonly<Record<string, string>> = {}, prefix = "tsd-test-"): TempProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const project: TempProject = {
    dir,
    path: (relative) => join(dir, relative),
    write: (relative, content) => {
      const target = join(dir, relative);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      return target;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [relative, content] of Object.entries(files)) project.write(relative, content);
  return project;
}
