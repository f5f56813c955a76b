/**
 * The host side of a sync: reading a changed file (content, mode, hash) and
 * listing every file a sync rule covers, with its content hash, for the
 * initial sync and the re-sync after a container starts.
 */
import { createHash } from "node:crypto";
import type { Dirent } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { isSyncRule, type ServiceRule, targetOf } from "./rules.js";

/** A host file read for copying. */
export interface HostFile {
  readonly hostPath: string;
  readonly content: Buffer;
  readonly mode: number;
  readonly mtime: Date;
  readonly hash: string;
}

/** Hash of file content (what the manifests compare). */
export function contentHash(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Reads a regular file (following a link); undefined when it is gone or is not a regular file. */
export async function readHostFile(hostPath: string): Promise<HostFile | undefined> {
  try {
    const info = await stat(hostPath);
    if (!info.isFile()) return undefined;
    const content = await readFile(hostPath);
    return { hostPath, content, mode: info.mode & 0o7777, mtime: info.mtime, hash: contentHash(content) };
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

function isGone(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/** A host file a sync rule covers, keyed in {@link syncedHostFiles} by its container path. */
export interface CoveredFile {
  readonly hostPath: string;
  readonly hash: string;
}

/**
 * Every file the service's sync rules cover now, by container path, with
 * its content hash. Dropped paths are not descended into (`.git`,
 * `node_modules`, ignored directories).
 */
export async function syncedHostFiles(rules: readonly ServiceRule[]): Promise<Map<string, CoveredFile>> {
  const files = new Map<string, CoveredFile>();
  for (const rule of rules.filter((candidate) => isSyncRule(candidate.rule))) {
    for (const hostPath of await listRuleFiles(rule)) {
      const verdict = rule.filter(hostPath);
      if (verdict.kind !== "matched") continue;
      const file = await readHostFile(hostPath);
      if (file) files.set(targetOf(rule.rule, verdict.relativePath), { hostPath, hash: file.hash });
    }
  }
  return files;
}

/**
 * Whether to read a directory: not when the rule drops it as a whole (noise,
 * `ignore: [dist]`), unless an exception (`!dist/keep`) could bring files
 * back; `include` is matched against files, so it never prunes a directory.
 */
function mayHoldCoveredFiles(rule: ServiceRule, directory: string): boolean {
  const verdict = rule.filter(directory);
  if (verdict.kind !== "dropped") return true;
  switch (verdict.by) {
    case "noise":
      return false;
    case "include":
      return true;
    case "ignore":
    case "dockerignore":
      return hasExceptions(rule.rule.ignore) || verdict.by === "dockerignore";
  }
}

function hasExceptions(patterns: readonly string[]): boolean {
  return patterns.some((pattern) => pattern.trim().startsWith("!"));
}

async function listRuleFiles(rule: ServiceRule): Promise<string[]> {
  const root = await stat(rule.rule.path).catch((error: unknown) => (isGone(error) ? undefined : Promise.reject(error)));
  if (!root) return [];
  if (!root.isDirectory()) return [rule.rule.path];
  const found: string[] = [];
  const walk = async (directory: string): Promise<void> => {
    const entries: Dirent[] = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => (isGone(error) ? [] : Promise.reject(error)));
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (mayHoldCoveredFiles(rule, path)) await walk(path);
      } else if (entry.isFile() || entry.isSymbolicLink()) found.push(path);
    }
  };
  await walk(rule.rule.path);
  return found;
}
