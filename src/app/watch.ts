/**
 * `tsd watch`: ties the three parts of the dev loop together on a stack
 * that is already up. Stack-file edits go through the level-triggered
 * scheduler to `converge`; `develop.watch` rules (src/watch/develop/) sync
 * or rebuild, their rebuilds queued with the converge passes; the
 * supervisor (src/runtime/supervisor/) follows the engine's events, and
 * every container start it sees is handed to develop watch so files edited
 * while a container was down reach it. Each successful reload is handed to
 * both, and re-derives which files are watched.
 */
import { relative } from "node:path";
import type { Engine } from "../docker-api/engine.js";
import type { Project } from "../project/project.js";
import { formatPlan } from "../plan/plan.js";
import { formatTransition, startSupervisor } from "../targets/docker/supervision/index.js";
import type { StackCacheSettings } from "../stack/cache.js";
import type { LoadOptions } from "../stack/load.js";
import { type DevelopWatch, startDevelopWatch } from "../targets/docker/develop/index.js";
import { type ConvergeOutcome, type ConvergeSettings, converge } from "./converge.js";
import { appliedLine, clockTime, pendingLines } from "../cli/render/watch-lines.js";
import { ReconcileScheduler } from "../watch/scheduler.js";
import { stackInputPaths, watchStackFiles } from "../watch/stack-files.js";

/** What `tsd watch` runs with. */
export interface WatchLoopOptions {
  readonly engine: Engine;
  /** The project as loaded when watching began (the stack is up). */
  readonly project: Project;
  readonly load: LoadOptions;
  readonly stackCache?: StackCacheSettings;
  /** Only these services (and their dependencies) are converged and synced; empty: all. */
  readonly services: readonly string[];
  readonly version: string;
  /** Print which file changed and the plan of each pass; passed on to develop watch for its rules. */
  readonly explain: boolean;
  readonly waitTimeoutMs: number;
  /** Ends watching; the stack keeps running. */
  readonly signal: AbortSignal;
  /** One line of output (stderr in the CLI). */
  readonly log: (line: string) => void;
  readonly onWarning: (message: string) => void;
  /** Told once the files are watched (tests and the CLI's "watching" line). */
  readonly onReady?: (paths: readonly string[]) => void;
}

/** Quiet period after the last file event before a pass: long enough for an editor's save (write, rename, chmod). */
const QUIET_MS = 100;
/** A file rewritten continuously is still applied this often. */
const MAX_WAIT_MS = 1_000;

/** Watches until `options.signal` aborts; resolves once everything it started has stopped. */
export async function runWatchLoop(options: WatchLoopOptions): Promise<void> {
  const { engine, signal, log } = options;
  const warned = new Set(options.project.warnings);
  const settings: ConvergeSettings = {
    engine,
    load: options.load,
    ...(options.stackCache ? { stackCache: options.stackCache } : {}),
    services: options.services,
    version: options.version,
    waitTimeoutMs: options.waitTimeoutMs,
    onLockWait: (pid) => log(`waiting for another tsd (pid ${pid}) working on this project…`),
  };
  let develop: DevelopWatch | undefined;
  const supervisor = startSupervisor(engine, options.project, {
    signal,
    onMessage: log,
    onTransition: (transition) => log(`${clockTime(new Date(transition.at))} ${formatTransition(transition)}`),
    onContainerStarted: (service, containerId) => {
      develop?.containerStarted(service, containerId).catch((error: unknown) => log(`${service}: re-sync after start failed: ${String(error)}`));
    },
  });

  const scheduler: ReconcileScheduler = new ReconcileScheduler({
    quietMs: QUIET_MS,
    maxWaitMs: MAX_WAIT_MS,
    reconcile: async (reasons) => void (await pass(`${reasons.join(", ")} changed`, () => converge(settings))),
  });
  const paths = stackInputPaths(options.project, options.load);
  const files = watchStackFiles(paths, (path) => {
    if (options.explain) log(`${clockTime(new Date())} ${displayPath(path, options.project)}: changed (stack input)`);
    scheduler.request(displayPath(path, options.project));
  });
  const rebuild = (service: string) =>
    scheduler.exclusive(async () => {
      const outcome = await pass(`rebuild ${service}`, () => converge(settings, service));
      if (outcome.kind !== "applied") throw outcome.error;
    });
  /** Hands a (re)loaded project to develop watch (which watches nothing until a service has `develop.watch` rules). */
  const developFor = async (project: Project): Promise<void> => {
    const selected = developProject(project, options.services);
    if (develop) return develop.update(selected);
    develop = await startDevelopWatch(engine, selected, { signal, explain: options.explain, log, rebuild });
  };
  await developFor(options.project);
  // Reloads reach develop watch in order, but a pass never waits for it: its update may ask for a rebuild, which queues behind the pass.
  let developUpdates = Promise.resolve();
  await files.ready;
  options.onReady?.(paths);

  /** Runs one pass and prints its outcome; after a good reload, hands the project on. */
  async function pass(trigger: string, run: () => Promise<ConvergeOutcome>): Promise<ConvergeOutcome> {
    const startedAt = new Date();
    const outcome = await run();
    const elapsedMs = Date.now() - startedAt.getTime();
    if (outcome.kind === "invalid") {
      log(`${clockTime(startedAt)} ${trigger} → invalid, the running stack is left as it is until the next valid edit:`);
      for (const line of outcome.error.message.split("\n")) log(`  ${line}`);
      return outcome;
    }
    if (outcome.project) {
      for (const warning of outcome.project.warnings.filter((candidate) => !warned.has(candidate))) {
        warned.add(warning);
        options.onWarning(warning);
      }
      supervisor.setProject(outcome.project);
      files.update(stackInputPaths(outcome.project, options.load));
      const project = outcome.project;
      developUpdates = developUpdates.then(() => developFor(project)).catch((error: unknown) => log(`develop watch: ${String(error)}`));
    }
    if (outcome.kind === "failed") {
      log(`${clockTime(startedAt)} ${trigger} → failed: ${outcome.error.message}`);
      return outcome;
    }
    log(appliedLine(startedAt, trigger, outcome.applied, elapsedMs));
    if (options.explain && outcome.applied.nodes.length > 0) for (const line of formatPlan(outcome.applied).split("\n")) log(`  ${line}`);
    for (const line of pendingLines(outcome.pending)) log(line);
    return outcome;
  }

  await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
  await files.close();
  await scheduler.close();
  await developUpdates;
  // Typed as the loop left it: a reload may have started it after the await above.
  await (develop as DevelopWatch | undefined)?.close();
  await supervisor.done;
}

/** The project develop watch sees: only the selected services keep their `develop` rules. */
function developProject(project: Project, services: readonly string[]): Project {
  if (services.length === 0) return project;
  const kept = Object.fromEntries(
    Object.entries(project.stack.services).map(([key, service]) => {
      if (services.includes(key) || !service.develop) return [key, service];
      const { develop: _dropped, ...rest } = service;
      return [key, rest];
    }),
  );
  return { ...project, stack: { ...project.stack, services: kept } };
}

/** A stack file as the user knows it: relative to the project folder when inside it. */
function displayPath(path: string, project: Project): string {
  const shown = relative(project.stack.projectDir, path);
  return shown.startsWith("..") ? path : shown;
}
