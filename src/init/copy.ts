/**
 * Copying a ready-made stack into a project folder: plan every file first,
 * refuse (writing nothing) if any would overwrite something, then copy.
 */
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { DEFAULT_FILE_NAMES } from "../stack/discover.js";
import { UsageError } from "../base/errors.js";
import type { ReadyMadeStack } from "./catalog.js";

/** What `tsd init` will write, and what stands in its way. */
export interface CopyPlan {
  readonly targetDir: string;
  /** Paths relative to the stack folder (and to `targetDir`), `/`-separated, sorted. */
  readonly files: readonly string[];
  /** Paths in `targetDir` that block the copy, relative to it, sorted. */
  readonly conflicts: readonly string[];
}

/**
 * Plans copying `stack` into `targetDir`. A file that exists blocks it, and
 * so does another stack file there: the copied one would silently take its
 * place for `tsd up` (tsd's names are looked for before Compose's).
 */
export function planCopy(stack: ReadyMadeStack, targetDir: string): CopyPlan {
  const target = resolve(targetDir);
  const files = filesUnder(stack.dir);
  const written = new Set(files);
  const existing = files.filter((file) => existsSync(join(target, file)));
  const otherStackFiles = DEFAULT_FILE_NAMES.filter((name) => !written.has(name) && existsSync(join(target, name)));
  return { targetDir: target, files, conflicts: [...existing, ...otherStackFiles].sort() };
}

/** Copies the planned files; throws a usage error naming the conflicts, having written nothing, if there are any. */
export function copyStack(stack: ReadyMadeStack, plan: CopyPlan): void {
  if (plan.conflicts.length > 0) {
    throw new UsageError(
      `not copying ${stack.name} into ${plan.targetDir}: it already holds ${plan.conflicts.join(", ")}`,
      "choose an empty folder, or move those files away first",
    );
  }
  for (const file of plan.files) {
    const destination = join(plan.targetDir, file);
    mkdirSync(join(destination, ".."), { recursive: true });
    // COPYFILE_EXCL: a file that appeared since the plan is still never overwritten.
    copyFileSync(join(stack.dir, file), destination, constants.COPYFILE_EXCL);
  }
}

/** Every file below `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}
