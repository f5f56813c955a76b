/**
 * `tsd watch`: keeps a stack that is up converged to its files. Stack-file
 * edits go through the level-triggered scheduler to a pass (watch-pass.ts);
 * `develop.watch` rules sync or rebuild, their rebuilds queued with the
 * passes; the target's supervision follows the engine's events, and every
 * container start it sees is handed to develop watch so files edited while
 * a container was down reach it. Each good reload is handed to all three.
 * Every decision is a watch event.
 */
import { dockerOnly } from "./containers.js";
import { relative } from "node:path";
import { planSteps } from "../plan/plan.js";
import type { Project } from "../project/project.js";
import type { DevelopWatch } from "../targets/docker/develop/index.js";
import type { Supervision } from "../targets/target.js";
import { ReconcileScheduler } from "../watch/scheduler.js";
import { type StackFileWatcher, stackInputPaths, watchStackFiles } from "../watch/stack-files.js";
import type { DockerTarget } from "../targets/docker/target.js";
import type { StackContext } from "./context.js";
import { convergePass, type PassOutcome, type PassSettings } from "./watch-pass.js";

/** What `tsd watch` runs with. */
export interface WatchRequest extends PassSettings {
  /** Say which file changed, which rule matched, what ran. */
  readonly explain: boolean;
  /** Ends watching; the stack keeps running. */
  readonly signal: AbortSignal;
}

/** Quiet period after the last file event before a pass: long enough for an editor's save (write, rename, chmod). */
const QUIET_MS = 100;
/** A file rewritten continuously is still applied this often. */
const MAX_WAIT_MS = 1_000;

/** Watches until `request.signal` aborts; resolves once everything it started has stopped. */
export async function watch(context: StackContext, request: WatchRequest): Promise<void> {
  const loop = new WatchLoop(context, dockerOnly(await context.target(), "watch"), request);
  await loop.start();
  await new Promise<void>((resolve) => (request.signal.aborted ? resolve() : request.signal.addEventListener("abort", () => resolve(), { once: true })));
  context.emit({ type: "watch", kind: "stopping" });
  await loop.close();
}

/** The loop's parts and what they share. */
class WatchLoop {
  readonly #warned: Set<string>;
  readonly #supervision: Supervision;
  readonly #scheduler: ReconcileScheduler;
  #files: StackFileWatcher | undefined;
  #develop: DevelopWatch | undefined;
  /** Reloads reach develop watch in order, but a pass never waits for it: its update may ask for a rebuild, which queues behind the pass. */
  #developUpdates: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: StackContext,
    private readonly target: DockerTarget,
    private readonly request: WatchRequest,
  ) {
    this.#warned = new Set(context.project.warnings);
    this.#supervision = target.supervise(context.project, {
      signal: request.signal,
      onReplicaStarted: (service, replicaId) => {
        this.#develop?.containerStarted(service, replicaId).catch((error: unknown) => context.emit({ type: "watch", kind: "failed", during: "re-sync", service, error: String(error) }));
      },
    });
    this.#scheduler = new ReconcileScheduler({
      quietMs: QUIET_MS,
      maxWaitMs: MAX_WAIT_MS,
      clock: context.clock,
      reconcile: async (reasons) => void (await this.#pass(`${reasons.join(", ")} changed`)),
    });
  }

  /** Watches the stack's files and its develop rules; resolves once both are ready. */
  async start(): Promise<void> {
    const project = this.context.project;
    const paths = stackInputPaths(project, this.context.selection.load);
    this.#files = watchStackFiles(paths, (path) => {
      const shown = displayPath(path, this.context.project);
      if (this.request.explain) this.context.emit({ type: "watch", kind: "file-changed", path: shown });
      this.#scheduler.request(shown);
    });
    await this.#developFor(project);
    await this.#files.ready;
    this.context.emit({ type: "watch", kind: "ready", project: project.stack.name, paths });
  }

  /** Stops watching and waits for everything it started. */
  async close(): Promise<void> {
    await this.#files?.close();
    await this.#scheduler.close();
    await this.#developUpdates;
    await this.#develop?.close();
    await this.#supervision.done;
  }

  /** Hands a (re)loaded project to develop watch (which watches nothing until a service has `develop.watch` rules). */
  async #developFor(project: Project): Promise<void> {
    const selected = developProject(project, this.request.services);
    if (this.#develop) return this.#develop.update(selected);
    const rebuild = (service: string) =>
      this.#scheduler.exclusive(async () => {
        const outcome = await this.#pass(`rebuild ${service}`, service);
        if (outcome.kind !== "applied") throw outcome.error;
      });
    this.#develop = await this.target.verbs.developWatch(selected, { signal: this.request.signal, explain: this.request.explain, rebuild });
  }

  /** Runs one pass and tells its outcome; after a good reload, hands the project on. */
  async #pass(trigger: string, rebuild?: string): Promise<PassOutcome> {
    const { context } = this;
    const startedAt = context.clock.now();
    const outcome = await convergePass(context, this.request, rebuild);
    if (outcome.kind === "invalid") {
      context.emit({ type: "watch", kind: "pass-invalid", trigger, error: outcome.error.message, startedAt });
      return outcome;
    }
    if (outcome.project) this.#adopt(outcome.project);
    if (outcome.kind === "failed") {
      context.emit({ type: "watch", kind: "pass-failed", trigger, error: outcome.error.message, startedAt });
      return outcome;
    }
    context.emit({ type: "watch", kind: "pass-applied", trigger, steps: planSteps(outcome.plan), held: outcome.plan.held ?? [], startedAt, elapsedMs: context.clock.now() - startedAt });
    return outcome;
  }

  /** A project that loaded: its new warnings told, and every part of the loop told to use it. */
  #adopt(project: Project): void {
    for (const warning of project.warnings.filter((candidate) => !this.#warned.has(candidate))) {
      this.#warned.add(warning);
      this.context.emit({ type: "warning", message: warning });
    }
    this.#supervision.setProject(project);
    this.#files?.update(stackInputPaths(project, this.context.selection.load));
    this.#developUpdates = this.#developUpdates.then(() => this.#developFor(project)).catch((error: unknown) => this.context.emit({ type: "watch", kind: "failed", during: "update", error: String(error) }));
  }
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
