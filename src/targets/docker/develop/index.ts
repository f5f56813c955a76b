/**
 * The `develop.watch` dev loop (Compose's `develop` section): file changes
 * under each rule's path are synced into the service's running containers
 * (`sync`), then run a command (`sync+exec`) or restart them
 * (`sync+restart`, `restart`), or rebuild the image and recreate the
 * service (`rebuild`). Used by `tsd watch` and `tsd up --watch`; the loop
 * reloads the stack and calls `update`, the supervisor reports container
 * starts to `containerStarted`.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { WatchDecision } from "../../../events/stack-event.js";
import type { Project } from "../../../project/project.js";
import { DevelopWatcher } from "./develop-watcher.js";

/** What the watch loop hands the develop watcher. */
export interface DevelopWatchOptions {
  readonly signal: AbortSignal;
  /** Log which rule matched each changed file (or which ignore dropped it) and the action that ran. */
  readonly explain: boolean;
  readonly report: (decision: WatchDecision) => void;
  /** Supplied by the loop: rebuild the service's image and recreate only that service. */
  readonly rebuild: (service: string) => Promise<void>;
}

/** A running develop watcher. */
export interface DevelopWatch {
  /** New rules after a stack reload. */
  update(project: Project): Promise<void>;
  /** A container of the service (re)started: re-sync the files whose content differs from what it last received (everything, for a new container). */
  containerStarted(service: string, containerId: string): Promise<void>;
  /** Stops watching and waits for running jobs. */
  close(): Promise<void>;
}

/**
 * Starts watching every `develop.watch` rule of the project; resolves once
 * the watcher is ready and `initial_sync` rules have synced. Aborting
 * `options.signal` closes it.
 */
export async function startDevelopWatch(engine: Engine, project: Project, options: DevelopWatchOptions): Promise<DevelopWatch> {
  const watcher = new DevelopWatcher(engine, project, { explain: options.explain, report: options.report, rebuild: options.rebuild });
  await watcher.start();
  if (options.signal.aborted) await watcher.close();
  else options.signal.addEventListener("abort", () => void watcher.close(), { once: true });
  return {
    update: (next) => watcher.update(next),
    containerStarted: (service, containerId) => watcher.containerStarted(service, containerId),
    close: () => watcher.close(),
  };
}

export { DEFAULT_BATCH_TIMING } from "./develop-watcher.js";
