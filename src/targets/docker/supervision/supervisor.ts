/**
 * The supervisor's shell: reads the project's container events from the
 * engine (one stream, no polling), feeds them to the pure machine
 * (machine.ts) and carries out what it decides: delayed restarts of
 * unhealthy containers, stopping crash-looping ones with an explanation,
 * and restarting `restart: true` dependents after a dependency restarted.
 */
import type { Engine } from "../../../docker-api/engine.js";
import { LABEL_REPLICA, LABEL_SERVICE } from "../../../base/labels.js";
import type { EngineEvent } from "../../../docker-api/operations/monitoring.js";
import { serviceContainerFilter } from "../verbs/containers.js";
import type { Project } from "../../../project/project.js";
import { replicaOf } from "../../../base/labels.js";
import { type Clock, systemClock } from "../../../base/clock.js";
import { type ServiceStatus, type StatusTransition, statusOf } from "./status.js";
import { restartDependents } from "./cascade.js";
import { crashLoopReport } from "./crash-report.js";
import { type Effect, SupervisorMachine, type SupervisedEvent } from "./machine.js";
import { supervisePolicyOf } from "./policy.js";

/** How to run a supervisor. */
export interface SupervisorOptions {
  /** Aborting it stops supervising (containers are left as they are). */
  readonly signal: AbortSignal;
  /** Service/replica status changes, with timestamps. */
  readonly onTransition?: (transition: StatusTransition) => void;
  /** Human lines: `web-1 is unhealthy: restarting in 2s unless it recovers (attempt 2/5)`. */
  readonly onMessage?: (line: string) => void;
  /** Any (re)start of a service container seen in events (develop-sync re-syncs files then). */
  readonly onContainerStarted?: (service: string, containerId: string) => void;
  /** Time, injectable for tests. */
  readonly clock?: Clock;
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

/** How long a dependent's restart waits for its dependency's condition. */
const CASCADE_CONDITION_TIMEOUT_MS = 300_000;
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

/** Starts supervising `project` on `engine` until `options.signal` aborts. */
export function startSupervisor(engine: Engine, project: Project, options: SupervisorOptions): Supervisor {
  const clock = options.clock ?? systemClock;
  const { signal } = options;
  const say = options.onMessage ?? (() => undefined);
  let current = project;
  const machine = new SupervisorMachine(project.stack, supervisePolicyOf);
  // Dependency cascades run one at a time, in the order their causes were seen.
  let cascades: Promise<void> = Promise.resolve();

  const carryOut = (effects: readonly Effect[]): void => {
    for (const effect of effects) {
      switch (effect.type) {
        case "transition":
          options.onTransition?.(effect.transition);
          break;
        case "message":
          say(effect.line);
          break;
        case "container-started":
          options.onContainerStarted?.(effect.service, effect.containerId);
          break;
        case "schedule-restart":
          void clock.sleep(effect.delayMs, signal).then(() => {
            if (!signal.aborted) carryOut(machine.restartDue(effect.containerId, effect.token, clock.now()));
          });
          break;
        case "restart":
          say(`restarting ${effect.service}-${effect.replica} (unhealthy)`);
          engine.restartContainer(effect.containerId).catch((error: unknown) => say(`could not restart ${effect.service}-${effect.replica}: ${messageOf(error)}`));
          break;
        case "crash-loop":
          crashLoopReport(engine, effect)
            .then(say)
            .catch((error: unknown) => say(`${effect.service}-${effect.replica} is crash-looping (${effect.reason}); stopping it failed: ${messageOf(error)}`));
          break;
        case "dependency-restarted": {
          const context = { engine, project: current, signal, say, timeoutMs: CASCADE_CONDITION_TIMEOUT_MS, clock, expectRestart: (id: string) => machine.expectCascadeRestart(id) };
          cascades = cascades.then(() => restartDependents(context, effect.service)).catch((error: unknown) => say(`restarting the dependents of ${effect.service} failed: ${messageOf(error)}`));
          break;
        }
      }
    }
  };

  const follow = async (): Promise<void> => {
    // Events from before `floor` (engine time, ms) are already known: in the snapshot, or handled before a reconnect.
    let floor = Date.now();
    let since = Math.floor(floor / 1000);
    let lastHandled = floor;
    const snapshot = await engine.listContainers(serviceContainerFilter(current));
    const initial = machine.observe(
      snapshot.map((container) => {
        const service = container.labels[LABEL_SERVICE] ?? "";
        return { containerId: container.id, service, replica: replicaOf(container) ?? 1, ...statusOf(container, machine.isOneShot(service)) };
      }),
      clock.now(),
    );
    carryOut(initial);
    say("supervising: following the engine's events");
    while (!signal.aborted) {
      try {
        // Unix seconds: the engine replays from then, so nothing between listing and listening is lost (replays are harmless to the machine).
        for await (const event of engine.events({ labels: serviceContainerFilter(current), since }, signal)) {
          const eventAt = Date.parse(event.time);
          // Replayed from before the snapshot: already in it (and a replayed `start` would hide a health state the engine does not repeat).
          if (eventAt < floor) continue;
          lastHandled = eventAt;
          since = Math.floor(eventAt / 1000);
          const supervised = supervisedEvent(event);
          if (supervised) carryOut(machine.handle(supervised, clock.now()));
        }
      } catch (error) {
        if (signal.aborted) break;
        say(`engine events interrupted (${messageOf(error)}); reading again`);
        floor = lastHandled + 1;
        await clock.sleep(RECONNECT_DELAY_MS, signal);
      }
    }
    await cascades;
  };

  const done = follow().catch((error: unknown) => {
    if (!signal.aborted) say(`supervision stopped: ${messageOf(error)}`);
  });
  return {
    setProject: (next) => {
      current = next;
      machine.setStack(next.stack);
    },
    status: () => machine.status(),
    done,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
