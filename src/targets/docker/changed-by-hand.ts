/**
 * The containers whose live settings `tsd update` changed behind the file.
 * The engine cannot relabel a container, so its live-settings label still
 * matches the file afterwards; `up` and `plan` read this record to inspect
 * those containers too, see the drift and put the file's values back.
 *
 * One small JSON file per project in the cache folder, best effort: without
 * a cache folder, or on another machine, the drift is not seen (as with a
 * `docker update` made by hand, which no tsd record knows of).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheDirectory } from "../../base/cache-directory.js";

function recordPath(projectId: string): string | undefined {
  const directory = cacheDirectory("changed-by-hand");
  return directory ? join(directory, `${projectId.replace(/[^A-Za-z0-9_.-]/g, "_")}.json`) : undefined;
}

/** The container IDs recorded for the project (empty when none or unreadable). */
export function containersChangedByHand(projectId: string): ReadonlySet<string> {
  const path = recordPath(projectId);
  if (!path) return new Set();
  try {
    const ids = JSON.parse(readFileSync(path, "utf8")) as unknown;
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : []);
  } catch {
    return new Set();
  }
}

/** IDs kept: a removed container's ID is harmless (it is never listed again), so the oldest simply drop out. */
const MAX_RECORDED = 500;

/** Adds containers to the record. */
export function recordChangedByHand(projectId: string, containerIds: readonly string[]): void {
  const path = recordPath(projectId);
  if (!path || containerIds.length === 0) return;
  const recorded = [...containersChangedByHand(projectId)].filter((id) => !containerIds.includes(id));
  const kept = [...recorded, ...containerIds].slice(-MAX_RECORDED);
  try {
    mkdirSync(join(path, ".."), { recursive: true });
    const temporary = `${path}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify(kept));
    renameSync(temporary, path);
  } catch {
    // Best effort: the update itself succeeded.
  }
}
