/**
 * Which files make up a stack, and a chokidar watcher over them. Watched are
 * the files the last good load read (stack files with their extends and
 * include targets, `.env` and every `env_file`) and the files discovery
 * would pick up if they appeared (a new `compose.override.yaml`, a first
 * `.env`). chokidar watches their directories, one level deep, and reports
 * only those paths: a directory watch survives the rename-over-original an
 * editor's atomic save does, and sees a file that does not exist yet.
 */
import { basename, dirname, extname, join, resolve } from "node:path";
import { type FSWatcher, watch } from "chokidar";
import type { Project } from "../project/project.js";
import { DEFAULT_FILE_NAMES } from "../stack/discover.js";
import type { LoadOptions } from "../stack/load.js";

/** Every path whose change can change what the stack loads to, sorted. */
export function stackInputPaths(project: Project, load: LoadOptions): string[] {
  const { stack } = project;
  const paths = new Set<string>([...stack.files, ...stack.envFiles, ...Object.values(stack.services).flatMap((service) => service.envFiles)]);
  if ((load.envFiles ?? []).length === 0) paths.add(join(stack.projectDir, ".env"));
  if ((load.files ?? []).length === 0) {
    // Discovery's candidates next to the file it chose, overrides included.
    const directory = dirname(stack.files[0] ?? join(stack.projectDir, "x"));
    for (const name of DEFAULT_FILE_NAMES) {
      paths.add(join(directory, name));
      const extension = extname(name);
      for (const overrideExtension of [".yaml", ".yml"]) paths.add(join(directory, `${basename(name, extension)}.override${overrideExtension}`));
    }
  } else {
    for (const file of load.files ?? []) paths.add(resolve(load.cwd, file));
  }
  return [...paths].sort();
}

/** A running watcher over a set of files. */
export interface StackFileWatcher {
  /** Resolves once the initial scan is done: changes after it are reported. */
  readonly ready: Promise<void>;
  /** Watch these paths from now on (after a reload). */
  update(paths: readonly string[]): void;
  close(): Promise<void>;
}

/** Watches `paths`; `onChange` gets the absolute path of each file added, changed or removed. */
export function watchStackFiles(paths: readonly string[], onChange: (path: string) => void): StackFileWatcher {
  let relevant = new Set(paths);
  let directories = directoriesOf(relevant);
  const watcher: FSWatcher = watch([...directories], {
    ignoreInitial: true,
    depth: 0,
    // Everything in those directories but the stack's own files: source trees are develop watch's business.
    ignored: (path) => !relevant.has(path) && !directories.has(path),
  });
  const report = (path: string) => {
    if (relevant.has(path)) onChange(path);
  };
  watcher.on("add", report).on("change", report).on("unlink", report);
  const ready = new Promise<void>((resolveReady) => watcher.once("ready", () => resolveReady()));
  return {
    ready,
    update(next) {
      const nextDirectories = directoriesOf(new Set(next));
      const added = [...nextDirectories].filter((directory) => !directories.has(directory));
      const removed = [...directories].filter((directory) => !nextDirectories.has(directory));
      relevant = new Set(next);
      directories = nextDirectories;
      if (added.length > 0) watcher.add(added);
      if (removed.length > 0) watcher.unwatch(removed);
    },
    close: () => watcher.close(),
  };
}

function directoriesOf(paths: ReadonlySet<string>): Set<string> {
  return new Set([...paths].map((path) => dirname(path)));
}
