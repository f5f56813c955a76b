/**
 * The develop watcher: one chokidar watcher over every rule's path; each
 * changed path is matched against the rules (explain says which matched or
 * why it was dropped), debounced per service, and handed to that service's
 * runner, which runs one job at a time and merges what waits.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type FSWatcher, watch } from "chokidar";
import type { Engine } from "../../../docker-api/engine.js";
import { LABEL_SERVICE } from "../../../base/labels.js";
import { serviceContainerFilter } from "../verbs/containers.js";
import type { Project } from "../../../project/project.js";
import { type Clock, systemClock } from "../../../base/clock.js";
import type { WatchDecision } from "../../../events/stack-event.js";
import { Batcher, type BatchTiming } from "./batcher.js";
import { CoalescingRunner } from "./coalescing-runner.js";
import { pathInside } from "./file-filter.js";
import { syncedHostFiles } from "./host-files.js";
import { SyncManifest } from "./manifest.js";
import { displayPath, type FileChange, isSyncRule, type MatchedChange, type ServiceRule, serviceRules } from "./rules.js";
import { mergeJobs, runServiceJob, type ServiceJob } from "./service-job.js";

/** Short enough to feel instant, long enough to gather an editor's write-rename-chmod burst; the maximum keeps a file saved in a loop syncing. */
export const DEFAULT_BATCH_TIMING: BatchTiming = { quietMs: 50, maxWaitMs: 500 };

/** What the watcher reports to and asks of its owner. */
export interface DevelopWatcherOptions {
  readonly explain: boolean;
  readonly report: (decision: WatchDecision) => void;
  readonly rebuild: (service: string) => Promise<void>;
  readonly timing?: BatchTiming;
  readonly clock?: Clock;
}

/** Watches the project's `develop.watch` rules and acts on them. */
export class DevelopWatcher {
  #project: Project;
  #rules: readonly ServiceRule[];
  #watcher: FSWatcher | undefined;
  #watchedPaths = new Set<string>();
  readonly #manifest = new SyncManifest();
  readonly #runners = new Map<string, CoalescingRunner<ServiceJob>>();
  readonly #batcher: Batcher<MatchedChange>;
  readonly #reportedNoise = new Set<string>();
  readonly #clock: Clock;
  #closed = false;

  constructor(
    private readonly engine: Engine,
    project: Project,
    private readonly options: DevelopWatcherOptions,
  ) {
    this.#project = project;
    this.#rules = serviceRules(project, readContextIgnore);
    this.#clock = options.clock ?? systemClock;
    this.#batcher = new Batcher(options.timing ?? DEFAULT_BATCH_TIMING, (service, matches) => void this.#submit(service, { matches, resync: new Set() }), this.#clock);
  }

  /** Starts the file watcher, then takes stock of what the running containers hold (and runs `initial_sync`). */
  async start(): Promise<void> {
    await this.#watchPaths();
    await this.#seed(this.#servicesWithSyncRules());
  }

  /** Takes the rules of a reloaded stack; services whose sync rules changed are taken stock of again. */
  async update(project: Project): Promise<void> {
    const before = new Map(this.#servicesWithSyncRules().map((service) => [service, ruleKey(this.#rulesOf(service))]));
    this.#project = project;
    this.#rules = serviceRules(project, readContextIgnore);
    await this.#watchPaths();
    const changed = this.#servicesWithSyncRules().filter((service) => before.get(service) !== ruleKey(this.#rulesOf(service)));
    await this.#seed(changed);
  }

  /** Re-syncs what changed while the container was down (everything, for a container never seen). */
  async containerStarted(service: string, containerId: string): Promise<void> {
    if (!this.#rulesOf(service).some((rule) => isSyncRule(rule.rule))) return;
    await this.#submit(service, { matches: [], resync: new Set([containerId]) });
  }

  /** Stops watching; waits for the jobs already running. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#batcher.cancel();
    await this.#watcher?.close();
    await Promise.all([...this.#runners.values()].map((runner) => runner.idle()));
  }

  #rulesOf(service: string): ServiceRule[] {
    return this.#rules.filter((rule) => rule.service === service);
  }

  #servicesWithSyncRules(): string[] {
    return [...new Set(this.#rules.filter((rule) => isSyncRule(rule.rule)).map((rule) => rule.service))];
  }

  /** One watcher for every rule's path, added to and trimmed on reload. */
  async #watchPaths(): Promise<void> {
    const wanted = new Set(this.#rules.map((rule) => rule.rule.path));
    if (!this.#watcher && wanted.size === 0) return;
    if (!this.#watcher) {
      // Created with the first path: chokidar never reports `ready` for an empty watch list.
      this.#watcher = watch([...wanted], { ignoreInitial: true, ignored: (path, stats) => this.#isNoiseDirectory(path, stats?.isDirectory()) });
      this.#watcher.on("all", (event, path) => this.#onEvent(event, path));
      this.#watcher.on("error", (error) => this.options.report({ kind: "failed", during: "watcher", error: error instanceof Error ? error.message : String(error) }));
      await new Promise<void>((resolve) => this.#watcher?.once("ready", () => resolve()));
    } else {
      const added = [...wanted].filter((path) => !this.#watchedPaths.has(path));
      const removed = [...this.#watchedPaths].filter((path) => !wanted.has(path));
      if (removed.length > 0) this.#watcher.unwatch(removed);
      if (added.length > 0) this.#watcher.add(added);
    }
    this.#watchedPaths = wanted;
  }

  /**
   * `.git` and `node_modules` directories are never watched (thousands of
   * files nobody syncs), unless a rule's path lies inside one or its
   * `include` names it; files are always seen, so explain can say why one
   * was dropped.
   */
  #isNoiseDirectory(path: string, isDirectory: boolean | undefined): boolean {
    if (isDirectory === false) return false;
    const name = basename(path);
    if (name !== ".git" && name !== "node_modules") return false;
    const covering = this.#rules.filter((rule) => pathInside(rule.rule.path, path) !== undefined && pathInside(rule.rule.path, path) !== "");
    const noisy = covering.filter((rule) => rule.filter(path).kind === "dropped");
    if (covering.length === 0 || noisy.length < covering.length) return false;
    if (this.options.explain && !this.#reportedNoise.has(path)) {
      this.#reportedNoise.add(path);
      const services = [...new Set(noisy.map((rule) => rule.service))].sort();
      this.options.report({ kind: "noise-ignored", services, path: displayPath(path, this.#project.stack.projectDir) });
    }
    return true;
  }

  #onEvent(event: string, path: string): void {
    if (this.#closed) return;
    const kind: FileChange["kind"] | undefined = event === "add" || event === "change" ? "written" : event === "unlink" || event === "unlinkDir" ? "removed" : undefined;
    if (kind === undefined) return;
    // A build context's .dockerignore changed: the rules' filters read it again.
    if (basename(path) === ".dockerignore") this.#rules = serviceRules(this.#project, readContextIgnore);
    this.#route({ path, kind });
  }

  /** Matches a change against every rule; explains the outcome per service. */
  #route(change: FileChange): void {
    const shown = displayPath(change.path, this.#project.stack.projectDir);
    const byService = new Map<string, { matched: ServiceRule[]; dropped: string[] }>();
    for (const rule of this.#rules) {
      const verdict = rule.filter(change.path);
      if (verdict.kind === "outside") continue;
      const entry = byService.get(rule.service) ?? { matched: [], dropped: [] };
      byService.set(rule.service, entry);
      if (verdict.kind === "dropped") {
        entry.dropped.push(verdict.reason);
        continue;
      }
      entry.matched.push(rule);
      this.#batcher.add(rule.service, { change, rule, relativePath: verdict.relativePath });
    }
    if (!this.options.explain) return;
    for (const [service, { matched, dropped }] of [...byService].sort(([a], [b]) => a.localeCompare(b))) {
      const removed = change.kind === "removed";
      if (matched.length > 0) this.options.report({ kind: "matched", service, path: shown, removed, rules: matched.map((rule) => rule.description) });
      else this.options.report({ kind: "dropped", service, path: shown, removed, by: [...new Set(dropped)] });
    }
  }

  #submit(service: string, job: ServiceJob): Promise<void> {
    let runner = this.#runners.get(service);
    if (!runner) {
      runner = new CoalescingRunner<ServiceJob>(
        (next) =>
          runServiceJob(
            { engine: this.engine, project: this.#project, rules: this.#rulesOf(service), manifest: this.#manifest, explain: this.options.explain, report: this.options.report, rebuild: this.options.rebuild, now: () => this.#clock.now() },
            service,
            next,
          ),
        mergeJobs,
        (error) => this.options.report({ kind: "failed", during: "sync", service, error: error instanceof Error ? error.message : String(error) }),
      );
      this.#runners.set(service, runner);
    }
    return runner.submit(job);
  }

  /**
   * What the running containers of `services` hold, as Compose assumes it:
   * the host's files as they are now. Files of `initial_sync` rules are left
   * out, so the re-sync that follows copies those that differ.
   */
  async #seed(services: readonly string[]): Promise<void> {
    if (services.length === 0) return;
    const containers = await this.engine.listContainers(serviceContainerFilter(this.#project));
    await Promise.all(
      services.map(async (service) => {
        const rules = this.#rulesOf(service);
        const assumed = await syncedHostFiles(rules.filter((rule) => !rule.rule.initialSync));
        const running = containers.filter((container) => container.labels[LABEL_SERVICE] === service && container.state === "running");
        for (const container of running) this.#manifest.seed(container.id, new Map([...assumed].map(([target, file]) => [target, file.hash])));
        if (rules.some((rule) => rule.rule.initialSync) && running.length > 0) {
          if (this.options.explain) this.options.report({ kind: "initial-sync", service });
          await this.#submit(service, { matches: [], resync: new Set(running.map((container) => container.id)) });
        }
      }),
    );
  }
}

function ruleKey(rules: readonly ServiceRule[]): string {
  return JSON.stringify(rules.filter((rule) => isSyncRule(rule.rule)).map((rule) => rule.rule));
}

/** A build context's `.dockerignore` lines; undefined when it has none (or the context is a URL). */
function readContextIgnore(context: string): readonly string[] | undefined {
  try {
    return readFileSync(join(context, ".dockerignore"), "utf8").split(/\r?\n/);
  } catch {
    return undefined;
  }
}
