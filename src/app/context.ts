/**
 * What every use case works with: the session's project, target, lock and
 * events (app/session.ts implements it). Use cases take this interface, not
 * the session class, so the session can offer them as methods without an
 * import cycle.
 */
import type { Clock } from "../base/clock.js";
import type { EventBus } from "../events/bus.js";
import type { EventSink, StackEventBody } from "../events/stack-event.js";
import type { ProjectLock } from "../plan/lock.js";
import type { Project } from "../project/project.js";
import type { StackCacheSettings } from "../stack/cache.js";
import type { LoadOptions } from "../stack/load.js";
import type { DockerTarget } from "../targets/docker/target.js";
import type { SwarmTarget } from "../targets/swarm/target.js";
import type { TargetName } from "../targets/target.js";

/** Which stack, and where loaded stacks are cached (absent: every run loads afresh). */
export interface StackSelection {
  readonly load: LoadOptions;
  readonly stackCache?: StackCacheSettings;
}

/** The targets a session can run on. */
export type AnyTarget = DockerTarget | SwarmTarget;

/** How a target is opened, beyond its name. */
export interface TargetOptions {
  /** `--allow-unsupported` (Swarm): fields the target cannot honour are listed and ignored instead of refused. */
  readonly allowUnsupported: boolean;
}

/** Opens a session's target; tests hand in one over an engine in memory. */
export type TargetOpener = (name: TargetName, emit: EventSink, clock: Clock, options: TargetOptions) => AnyTarget | Promise<AnyTarget>;

/** A loaded stack, its target, its lock and its event stream. */
export interface StackContext {
  readonly events: EventBus;
  readonly clock: Clock;
  readonly targetName: TargetName;
  readonly targetOptions: TargetOptions;
  readonly selection: StackSelection;
  /** The project as last loaded. */
  readonly project: Project;
  /** Publishes one event, stamped with the session's time. */
  emit(body: StackEventBody): void;
  /** Throws "no such service" for names the stack does not define (before any engine call). */
  checkServices(services: readonly string[]): void;
  /** The target, connected on first use. */
  target(): Promise<AnyTarget>;
  /** Loads the stack files again; on success the session works on the new project. */
  reload(): Promise<Project>;
  /** Takes the project's lock; waiting for another tsd is told as an event. */
  lock(signal?: AbortSignal): Promise<ProjectLock>;
  /** Runs a use case and ends it with a `done` event saying how it ended. */
  run<T>(verb: string, useCase: () => Promise<T>): Promise<T>;
}
export type { TargetName } from "../targets/target.js";
