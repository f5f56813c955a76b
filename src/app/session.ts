/**
 * One user's session with one stack: the project (loaded through the stack
 * cache, reloaded by the watch loop), the target it runs on (connected only
 * when a use case needs it, so an invalid stack or an unknown service never
 * costs an engine call), the project lock, and the event bus every use case
 * publishes on. The use cases are methods here, each handing over to its
 * own module in this folder; the CLI and the dashboard call nothing else.
 */
import { type Clock, systemClock } from "../base/clock.js";
import { EventBus } from "../events/bus.js";
import type { StackEvent, StackEventBody } from "../events/stack-event.js";
import { PlanInterruptedError } from "../plan/outcome.js";
import type { Plan } from "../plan/plan.js";
import { lockProject, type ProjectLock } from "../plan/lock.js";
import { loadProjectCached } from "../project/cached.js";
import type { Project } from "../project/project.js";
import { checkServiceNames } from "../project/services.js";
import type { LogFollow, LogRequest, ReplicaQuery, ReplicaView, TargetName, WaitReadyRequest } from "../targets/target.js";
import { type AttachRequest, attach } from "./attach.js";
import type { AnyTarget, StackContext, StackSelection, TargetOpener, TargetOptions } from "./context.js";
import { LOCK_TIMEOUT_MS } from "./defaults.js";
import { down, type DownRequest } from "./down.js";
import { logs } from "./logs.js";
import { type RunEnvironment, type RunOutcome, runOneOff, type RunRequest } from "./run.js";
import { replicas } from "./status.js";
import { targetWarnings } from "./target-check.js";
import { realTargetOpener } from "./targets.js";
import { up, type UpRequest, waitReady } from "./up.js";
import { watch, type WatchRequest } from "./watch.js";

/** How a session is opened. */
export interface SessionOptions {
  readonly stack: StackSelection;
  /** Services the user named: checked before anything else happens. */
  readonly services?: readonly string[];
  readonly target?: TargetName;
  /** `--allow-unsupported`. */
  readonly allowUnsupported?: boolean;
  readonly bus?: EventBus;
  readonly openTarget?: TargetOpener;
  readonly clock?: Clock;
  /** The caller's environment: DOCKER_HOST and the like. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** The project's warnings were already told (the watch after `up`): do not repeat them. */
  readonly quiet?: boolean;
}

/** A loaded stack, its target, its lock and its event stream, with the use cases on it. */
export class StackSession implements StackContext {
  readonly events: EventBus;
  readonly clock: Clock;
  readonly targetName: TargetName;
  readonly targetOptions: TargetOptions;
  readonly selection: StackSelection;
  #project: Project;
  #target: Promise<AnyTarget> | undefined;
  readonly #openTarget: TargetOpener;

  private constructor(project: Project, options: SessionOptions) {
    this.#project = project;
    // Swarm refusals and warnings name file:line, which only a fresh load knows (the stack cache keeps no positions).
    this.selection = options.target === "swarm" ? { load: options.stack.load } : options.stack;
    this.targetOptions = { allowUnsupported: options.allowUnsupported ?? false };
    this.events = options.bus ?? new EventBus();
    this.clock = options.clock ?? systemClock;
    this.targetName = options.target ?? "docker";
    this.#openTarget = options.openTarget ?? realTargetOpener(options.environment ?? process.env);
  }

  /** Loads the project, reports its warnings and the target's, and checks the service names; connects to nothing. */
  static async open(options: SessionOptions): Promise<StackSession> {
    const project = await loadProjectCached(options.stack.load, options.target === "swarm" ? undefined : options.stack.stackCache);
    const session = new StackSession(project, options);
    if (!options.quiet) for (const warning of [...project.warnings, ...targetWarnings(session.targetName, project, session.targetOptions.allowUnsupported)]) session.emit({ type: "warning", message: warning });
    checkServiceNames(project, options.services ?? []);
    return session;
  }

  get project(): Project {
    return this.#project;
  }

  emit(body: StackEventBody): void {
    // The body is one member of the union; adding the time keeps it one.
    this.events.publish({ ...body, at: this.clock.now() } as StackEvent);
  }

  checkServices(services: readonly string[]): void {
    checkServiceNames(this.#project, services);
  }

  target(): Promise<AnyTarget> {
    this.#target ??= Promise.resolve(this.#openTarget(this.targetName, this.events.publish, this.clock, this.targetOptions));
    return this.#target;
  }

  async reload(): Promise<Project> {
    this.#project = await loadProjectCached(this.selection.load, this.selection.stackCache);
    return this.#project;
  }

  lock(signal?: AbortSignal): Promise<ProjectLock> {
    const { name, projectId } = this.#project.stack;
    return lockProject(name, projectId, LOCK_TIMEOUT_MS, (ownerPid) => this.emit({ type: "lock-wait", project: name, ownerPid }), this.clock, signal);
  }

  async run<T>(verb: string, useCase: () => Promise<T>): Promise<T> {
    const started = this.clock.now();
    try {
      const result = await useCase();
      this.emit({ type: "done", verb, outcome: "succeeded", elapsedMs: this.clock.now() - started });
      return result;
    } catch (error) {
      const outcome = error instanceof PlanInterruptedError ? "interrupted" : "failed";
      this.emit({ type: "done", verb, outcome, elapsedMs: this.clock.now() - started, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** Converges the target to the stack (or, as a dry run, only plans). */
  up(request: UpRequest): Promise<Plan> {
    return up(this, request);
  }

  /** What `up` would do, changing nothing. */
  plan(request: Omit<UpRequest, "dryRun">): Promise<Plan> {
    return up(this, { ...request, dryRun: true });
  }

  /** Waits until the stack is ready (`up --wait`). */
  waitReady(request: WaitReadyRequest): Promise<void> {
    return waitReady(this, request);
  }

  /** Removes what `up` made (volumes and data containers only when asked). */
  down(request: DownRequest): Promise<Plan> {
    return down(this, request);
  }

  /** The replicas, for `ps`. */
  status(query: ReplicaQuery): Promise<readonly ReplicaView[]> {
    return replicas(this, query);
  }

  /** The services' output, as log events. */
  logs(request: LogRequest): Promise<LogFollow> {
    return logs(this, request);
  }

  /** Attached `up`: follow the output and supervise until stopped; returns the exit code. */
  attach(request: AttachRequest): Promise<number> {
    return attach(this, request);
  }

  /** Keeps the stack converged to its files until the signal aborts. */
  watch(request: WatchRequest): Promise<void> {
    return watch(this, request);
  }

  /** A one-off container of a service (`tsd run`). */
  runOneOff(request: RunRequest, environment: RunEnvironment): Promise<RunOutcome> {
    return runOneOff(this, request, environment);
  }
}
