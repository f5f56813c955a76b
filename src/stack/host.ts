/**
 * The loader's only window on the machine: every file it reads, every path
 * it probes, the real path of the project folder and the home directory go
 * through here (variables come in through the `environment` option).
 *
 * One choke point lets the stack cache (stack/cache.ts) write down exactly
 * what a load depended on and later check that none of it changed: while a
 * recorder is set, each answer is reported as a {@link HostFact}.
 */
import { createHash } from "node:crypto";
import { readFileSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";

/** What a path is, as far as the loader cares. */
export type PathKind = "file" | "directory" | "other" | "missing";

/** One answer the host gave the loader. Replaying every fact of a load tells whether it would read the same. */
export type HostFact =
  | { readonly kind: "text"; readonly path: string; readonly digest: string }
  | { readonly kind: "path"; readonly path: string; readonly is: PathKind }
  | { readonly kind: "realpath"; readonly path: string; readonly real: string | null }
  | { readonly kind: "home"; readonly home: string };

let recorder: ((fact: HostFact) => void) | undefined;

/** Runs a synchronous load while writing down every host answer it gets. */
export function recordHostFacts<T>(load: () => T): { result: T; facts: HostFact[] } {
  const facts: HostFact[] = [];
  const previous = recorder;
  recorder = (fact) => facts.push(fact);
  try {
    return { result: load(), facts };
  } finally {
    recorder = previous;
  }
}

/** A file's text (UTF-8). Throws the fs error (ENOENT, EISDIR, …) as is; callers word it. */
export function readText(path: string): string {
  const text = readFileSync(path, "utf8");
  recorder?.({ kind: "text", path, digest: digestOf(text) });
  return text;
}

/** What is at `path`, following symlinks. */
export function pathKind(path: string): PathKind {
  const is = statKind(path);
  recorder?.({ kind: "path", path, is });
  return is;
}

/** The real path, or `null` when it does not exist (yet). */
export function realPath(path: string): string | null {
  const real = realPathOrNull(path);
  recorder?.({ kind: "realpath", path, real });
  return real;
}

export function homeDirectory(): string {
  const home = homedir();
  recorder?.({ kind: "home", home });
  return home;
}

/** True when the host still gives the same answer (nothing is recorded). */
export function factHolds(fact: HostFact): boolean {
  switch (fact.kind) {
    case "text":
      try {
        return digestOf(readFileSync(fact.path, "utf8")) === fact.digest;
      } catch {
        return false;
      }
    case "path":
      return statKind(fact.path) === fact.is;
    case "realpath":
      return realPathOrNull(fact.path) === fact.real;
    case "home":
      return homedir() === fact.home;
  }
}

function digestOf(text: string): string {
  return createHash("sha256").update(text).digest("base64");
}

function statKind(path: string): PathKind {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    // ENOENT, ENOTDIR (a file where a folder was expected), EACCES: nothing the loader can use.
    return "missing";
  }
  return stats.isFile() ? "file" : stats.isDirectory() ? "directory" : "other";
}

function realPathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}
