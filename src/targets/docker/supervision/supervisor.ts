/**
 * The supervisor's shell: reads the project's container events from the
 * engine (one stream, no polling), feeds them to the pure machine
 * (machine.ts) and carries out what it decides: delayed restarts of
 * unhealthy containers, stopping crash-looping ones with an explanation,
 * and restarting `restart: true` dependents after a dependency restarted.
 * Everything it sees and does goes out as events (status, health,
 * supervision).
 */
import { type Clock, systemClock } from "../../../base/clock.js";
import { LABEL_REPLICA, LABEL_SERVICE, replicaOf } from "../../../base/labels.js";
import type { Engine } from "../../../docker-api/engine.js";
import type { EngineEvent } from "../../../docker-api/operations/monitoring.js";
import type { EventSink, SupervisionReport } from "../../../events/stack-event.js";
import type { ServiceStatus } from "../../../events/status.js";
import type { Project } from "../../../project/project.js";
import { serviceContainerFilter } from "../verbs/containers.js";
import { restartDependents } from "./cascade.js";
import { crashLoopReport } from "./crash-report.js";
import { type Effect, SupervisorMachine, type SupervisedEvent } from "./machine.js";
import { supervisePolicyOf } from "./policy.js";
import { statusOf } from "./status.js";

/** How to run a supervisor. */
export interface SupervisorOptions {
  /** Aborting it stops supervising (containers are left as they are). */
  readonly signal: AbortSignal;
  readonly emit: EventSink;
  /** Any (re)start of a service container seen in events (develop-sync re-syncs files then). */
  readonly onContainerStarted?: (service: string, containerId: string) => void;
  /** Time, injectable for tests. */
  readonly clock?: Clock;
  /** How long a dependent's restart waits for its dependency's condition. */
  readonly cascadeTimeoutMs: number;
}

/** A running supervisor. */
export interface Supervisor {
  /** Supervise this project from now on (the watch loop calls it after each successful reload). */
  setProject(project: Project): void;
  /** Live status per service container, in the stack's service order. */
  status(): readonly ServiceStatus[];
  /** Settles when the signal aborts and the event stream has closed. */
  readonly done: Promise<void>;
}

/** Pause before reading events again after the stream broke (engine restarting, socket closed). */
const RECONNECT_DELAY_MS = 1000;

/** The engine's event, as the machine reads it; undefined for events supervision ignores (exec_*, …). */
export function supervisedEvent(event: EngineEvent): SupervisedEvent | undefined {
  const service = event.attributes[LABEL_SERVICE];
  const replica = Number(event.attributes[LABEL_REPLICA] ?? "1");
  if (!service) return undefined;
  const base = { containerId: event.actorId, service, replica: Number.isInteger(replica) && replica > 0 ? replica : 1 };
  switch (event.action) {
    case "create":
    case "start":
    case "oom":
    case "kill":
    case "stop":
    case "destroy":
      return { ...base, kind: event.action };
    case "die":
      return { ...base, kind: "die", exitCode: Number(event.attributes.exitCode ?? "0") };
    case "health_status: healthy":
      return { ...base, kind: "healthy" };
    case "health_status: unhealthy":
      return { ...base, kind: "unhealthy" };
    default:
      return undefined;
  }
}

/** What the supervisor's parts share. */
interface SupervisorState {
  readonly engine: Engine;
  readonly options: SupervisorOptions;
  readonly clock: Clock;
  readonly machine: SupervisorMachine;
  project: Project;
  /** Dependency cascades run one at a time, in the order their causes were seen. */
  cascades: Promise<void>;
}

/** Starts supervising `project` on `engine` until `options.signal` aborts. */
export function startSupervisor(engine: Engine, project: Project, options: SupervisorOptions): Supervisor {
  const state: SupervisorState = { engine, options, clock: options.clock ?? systemClock, machine: new SupervisorMachine(project.stack, supervisePolicyOf), project, cascades: Promise.resolve() };
  const done = follow(state).catch((error: unknown) => {
    if (!options.signal.aborted) report(state, { action: "stopped", error: messageOf(error) });
  });
  return {
    setProject: (next) => {
      state.project = next;
      state.machine.setStack(next.stack);
    },
    status: () => state.machine.status(),
    done,
  };
}

function report(state: SupervisorState, body: SupervisionReport): void {
  state.options.emit({ type: "supervision", ...body, at: state.clock.now() });
}

/** Carries out the machine's decisions. */
function carryOut(state: SupervisorState, effects: readonly Effect[]): void {
  const { engine, options, clock, machine } = state;
  for (const effect of effects) {
    switch (effect.type) {
      case "transition": {
        const { at, ...transition } = effect.transition;
        options.emit({ type: "status", ...transition, at });
        if (transition.to === "healthy" || transition.to === "unhealthy") options.emit({ type: "health", service: transition.service, replica: transition.replica, health: transition.to, at });
        break;
      }
      case "report":
        report(state, effect.report);
        break;
      case "container-started":
        options.onContainerStarted?.(effect.service, effect.containerId);
        break;
      case "schedule-restart":
        void clock.sleep(effect.delayMs, options.signal).then(() => {
          if (!options.signal.aborted) carryOut(state, machine.restartDue(effect.containerId, effect.token, clock.now()));
        });
        break;
      case "restart":
        report(state, { action: "restarting", service: effect.service, replica: effect.replica, reason: "unhealthy" });
        engine.restartContainer(effect.containerId).catch((error: unknown) => report(state, { action: "restart-failed", service: effect.service, replica: effect.replica, error: messageOf(error) }));
        break;
      case "crash-loop":
        void crashLoopReport(engine, effect).then((crash) => report(state, crash));
        break;
      case "dependency-restarted":
        cascade(state, effect.service);
        break;
    }
  }
}

/** Restarts the `restart: true` dependents of `service`, after the cascades already queued. */
function cascade(state: SupervisorState, service: string): void {
  const { engine, options, clock, machine } = state;
  const context = {
    engine,
    project: state.project,
    signal: options.signal,
    report: (body: SupervisionReport) => report(state, body),
    timeoutMs: options.cascadeTimeoutMs,
    clock,
    expectRestart: (id: string) => machine.expectCascadeRestart(id),
  };
  state.cascades = state.cascades.then(() => restartDependents(context, service)).catch((error: unknown) => report(state, { action: "dependents-failed", service, error: messageOf(error) }));
}

/** Seeds the machine from a snapshot, then feeds it the engine's events until the signal aborts. */
async function follow(state: SupervisorState): Promise<void> {
  const { engine, options, clock, machine } = state;
  // Events from before `floor` (engine time, ms) are already known: in the snapshot, or handled before a reconnect.
  let floor = Date.now();
  let since = Math.floor(floor / 1000);
  let lastHandled = floor;
  const snapshot = await engine.listContainers(serviceContainerFilter(state.project));
  const initial = machine.observe(
    snapshot.map((container) => {
      const service = container.labels[LABEL_SERVICE] ?? "";
      return { containerId: container.id, service, replica: replicaOf(container) ?? 1, ...statusOf(container, machine.isOneShot(service)) };
    }),
    clock.now(),
  );
  carryOut(state, initial);
  report(state, { action: "following" });
  while (!options.signal.aborted) {
    try {
      // Unix seconds: the engine replays from then, so nothing between listing and listening is lost (replays are harmless to the machine).
      for await (const event of engine.events({ labels: serviceContainerFilter(state.project), since }, options.signal)) {
        const eventAt = Date.parse(event.time);
        // Replayed from before the snapshot: already in it (and a replayed `start` would hide a health state the engine does not repeat).
        if (eventAt < floor) continue;
        lastHandled = eventAt;
        since = Math.floor(eventAt / 1000);
        const supervised = supervisedEvent(event);
        if (supervised) carryOut(state, machine.handle(supervised, clock.now()));
      }
    } catch (error) {
      if (options.signal.aborted) break;
      report(state, { action: "events-interrupted", error: messageOf(error) });
      floor = lastHandled + 1;
      await clock.sleep(RECONNECT_DELAY_MS, options.signal);
    }
  }
  await state.cascades;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
