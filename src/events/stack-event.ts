/**
 * The one vocabulary everything below the clients speaks: what a use case
 * is doing, as values. Loading warns, the planner plans, the DAG walk runs
 * steps, targets report status, health and supervision, the watch loop
 * reports its decisions, containers write log lines, and every use case
 * ends with `done`. Nothing below app/ prints a sentence: the CLI's
 * renderers (and later the dashboard) turn these into text.
 *
 * Every event is plain data (JSON-serialisable, no engine specs: they may
 * hold secrets), which is what `--progress json` prints, one per line.
 * docs/events.md is the schema for users; keep it in step with this file.
 */
import type { StatusTransition } from "./status.js";

/** What a plan step acts on. */
export interface PlanSubject {
  readonly kind: "service" | "data-container" | "network" | "volume" | "image" | "secret" | "config";
  readonly key: string;
}

/**
 * What a step amounts to for the user, whatever the target: the words of a
 * plan (`+ create`, `-/+ replace`, `~ update`, `- remove`) and of the watch
 * loop's summaries.
 */
export type StepAction = "create" | "replace" | "update" | "remove" | "start" | "stop" | "run" | "wait" | "build" | "pull" | "rename";

/** One step of a plan as shown and serialised: what, on what, why, and after which steps. */
export interface PlanStep {
  /** Unique and readable: `create-container:demo-web-1`. */
  readonly id: string;
  /** The target's operation, e.g. `create-container`. */
  readonly operation: string;
  readonly action: StepAction;
  /** What it acts on, as the user reads it: `demo-web-1`, `db healthy (for web)`. */
  readonly target: string;
  readonly subject: PlanSubject;
  /** Why: `not found`, `environment.API_URL changed`. */
  readonly cause: string;
  /** Ids of the steps that must finish first. */
  readonly after: readonly string[];
}

/** A change the watch loop held back because it would lose data; `tsd up` applies it. */
export interface HeldChange {
  readonly subject: PlanSubject;
  readonly steps: readonly PlanStep[];
  /** `drops anonymous volume /data`. */
  readonly reasons: readonly string[];
}

/** A lifecycle verb's result for one container, in Compose's words. */
export type ContainerOutcome = "Started" | "Stopped" | "Restarted" | "Killed" | "Paused" | "Unpaused" | "Removed" | "Updated";

/** One task of a converging Swarm service. */
export interface SwarmTaskProgress {
  readonly task: string;
  readonly slot?: number;
  readonly node: string;
  readonly state: string;
}

/** What the supervisor saw or did, beyond status changes. */
export type SupervisionReport =
  /** Supervision began: the engine's events are followed. */
  | { readonly action: "following" }
  | { readonly action: "out-of-memory"; readonly service: string; readonly replica: number }
  /** An unhealthy container gets a restart unless it recovers first. */
  | { readonly action: "restart-scheduled"; readonly service: string; readonly replica: number; readonly delayMs: number; readonly attempt: number; readonly maxRestarts: number }
  | { readonly action: "restarting"; readonly service: string; readonly replica: number; readonly reason: "unhealthy" }
  | { readonly action: "restart-failed"; readonly service: string; readonly replica: number; readonly error: string }
  /** Stopped for crash-looping, with what explains it. */
  | {
      readonly action: "crash-loop";
      readonly service: string;
      readonly replica: number;
      readonly reason: string;
      readonly lastExitCode?: number;
      readonly lastHealthOutput?: string;
      readonly lastHealthExitCode?: number;
      readonly outOfMemory: boolean;
      readonly logLines: readonly string[];
      /** Set when stopping it failed. */
      readonly error?: string;
    }
  /** A `restart: true` dependent is restarted because these dependencies restarted. */
  | { readonly action: "dependent-restarting"; readonly service: string; readonly replica: number; readonly dependencies: readonly string[] }
  | { readonly action: "dependents-failed"; readonly service: string; readonly error: string }
  | { readonly action: "events-interrupted"; readonly error: string }
  | { readonly action: "stopped"; readonly error: string };

/** What the watch loop and its develop rules decided, one decision per event. */
export type WatchDecision =
  /** Watching began; `paths`: the stack inputs watched. */
  | { readonly kind: "ready"; readonly project: string; readonly paths: readonly string[] }
  /** A stack input (file, .env, include) changed. */
  | { readonly kind: "file-changed"; readonly path: string }
  /** One pass converged the stack: what it did, and what it held back. */
  | { readonly kind: "pass-applied"; readonly trigger: string; readonly steps: readonly PlanStep[]; readonly held: readonly HeldChange[]; readonly startedAt: number; readonly elapsedMs: number }
  /** The edit does not load: nothing was touched. */
  | { readonly kind: "pass-invalid"; readonly trigger: string; readonly error: string; readonly startedAt: number }
  | { readonly kind: "pass-failed"; readonly trigger: string; readonly error: string; readonly startedAt: number }
  /** A directory never watched (`.git`, `node_modules`). */
  | { readonly kind: "noise-ignored"; readonly services: readonly string[]; readonly path: string }
  | { readonly kind: "matched"; readonly service: string; readonly path: string; readonly removed: boolean; readonly rules: readonly string[] }
  | { readonly kind: "dropped"; readonly service: string; readonly path: string; readonly removed: boolean; readonly by: readonly string[] }
  | { readonly kind: "initial-sync"; readonly service: string }
  | { readonly kind: "rebuilding"; readonly service: string; readonly changes: number }
  | { readonly kind: "rebuilt"; readonly service: string; readonly elapsedMs: number }
  /** Changes wait for a container to start. */
  | { readonly kind: "no-container"; readonly service: string }
  /** A file was not copied: its content is what the container holds (`sinceSyncMs`: tsd wrote it that long ago). */
  | { readonly kind: "unchanged"; readonly service: string; readonly path: string; readonly sinceSyncMs?: number }
  | { readonly kind: "synced"; readonly service: string; readonly copied: number; readonly deleted: number; readonly containers: number; readonly elapsedMs: number }
  | { readonly kind: "exec-output"; readonly service: string; readonly line: string }
  | { readonly kind: "exec"; readonly service: string; readonly command: readonly string[]; readonly container: string; readonly exitCode: number; readonly elapsedMs: number }
  | { readonly kind: "restarted"; readonly service: string; readonly containers: number; readonly elapsedMs: number }
  /**
   * Develop watch failed, and watching goes on: a service's sync, the
   * re-sync of a container that started, the file watcher itself, or its
   * update after a reload.
   */
  | { readonly kind: "failed"; readonly during: "sync" | "re-sync" | "watcher" | "update"; readonly service?: string; readonly error: string }
  /** Ctrl-C: watching ends, the stack keeps running. */
  | { readonly kind: "stopping" };

/** What an image verb (build, pull, push) reports. */
export type ImageReport =
  /** A line of the builder's output, or of a pull's or push's layer progress. */
  | { readonly phase: "progress"; readonly service: string; readonly text: string }
  /** The service needs nothing from this verb; `named`: the user asked for it by name. */
  | { readonly phase: "skipped"; readonly service: string; readonly reason: string; readonly named: boolean }
  /** A failure the verb was told to go on after (`--ignore-pull-failures`). */
  | { readonly phase: "warning"; readonly service: string; readonly message: string }
  | { readonly phase: "done"; readonly service: string; readonly reference: string };

/** How an attached `up` goes: following, then stopping. */
export type AttachPhase = "following" | "aborting" | "stopping" | "forcing";

/** An event, without its time. */
export type StackEventBody =
  | { readonly type: "warning"; readonly message: string }
  /** Another tsd holds the project's lock; this run waits. */
  | { readonly type: "lock-wait"; readonly project: string; readonly ownerPid: number }
  /** The plan about to run (or, for a dry run, instead of running). */
  | { readonly type: "plan"; readonly steps: readonly PlanStep[]; readonly notes: readonly string[]; readonly dryRun: boolean }
  | { readonly type: "step"; readonly phase: "started" | "done"; readonly step: PlanStep }
  | { readonly type: "step"; readonly phase: "failed"; readonly step: PlanStep; readonly error: string }
  /** Never started: a step it waits for failed (`because`: that step's id). */
  | { readonly type: "step"; readonly phase: "skipped"; readonly step: PlanStep; readonly because: string }
  | { readonly type: "step"; readonly phase: "warning"; readonly step: PlanStep; readonly message: string }
  /** A replica's status changed: `detail` says what it waits for (`db: healthy`) or why it crash-loops. */
  | ({ readonly type: "status" } & Omit<StatusTransition, "at">)
  /** The engine judged a replica's health (Docker reports changes only). */
  | { readonly type: "health"; readonly service: string; readonly replica: number; readonly health: "healthy" | "unhealthy" }
  | ({ readonly type: "supervision" } & SupervisionReport)
  | ({ readonly type: "watch" } & WatchDecision)
  | { readonly type: "container"; readonly service: string; readonly container: string; readonly outcome: ContainerOutcome }
  | ({ readonly type: "image" } & ImageReport)
  /** One line a container wrote, without its line end. */
  | { readonly type: "log"; readonly service: string; readonly container: string; readonly replica?: number; readonly stream: "stdout" | "stderr"; readonly text: string }
  /** An engine event of the project's containers, as `tsd events` shows it. */
  | {
      readonly type: "engine-event";
      /** RFC 3339 with the engine's nanoseconds. */
      readonly time: string;
      readonly objectType: string;
      readonly action: string;
      readonly id: string;
      readonly name: string;
      readonly service: string;
      readonly attributes: Readonly<Record<string, string>>;
    }
  | { readonly type: "attach"; readonly phase: AttachPhase }
  /** A Swarm service converging: its tasks running (jobs: completed) of those wanted, its rolling update's state, each current task's node. */
  | {
      readonly type: "swarm-service";
      readonly service: string;
      readonly running: number;
      readonly desired: number;
      readonly updateState?: string;
      readonly tasks: readonly SwarmTaskProgress[];
    }
  /** A use case finished. */
  | { readonly type: "done"; readonly verb: string; readonly outcome: "succeeded" | "failed" | "interrupted"; readonly elapsedMs: number; readonly error?: string };

/** One event: what happened, and when (milliseconds since the epoch). */
export type StackEvent = StackEventBody & { readonly at: number };

/** The events of one type. */
export type StackEventOf<Type extends StackEvent["type"]> = Extract<StackEvent, { readonly type: Type }>;

/** Where events go. Emitting never throws and never waits. */
export type EventSink = (event: StackEvent) => void;
