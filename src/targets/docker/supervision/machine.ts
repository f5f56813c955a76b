/**
 * The supervisor's decisions, as a pure state machine: fed the project's
 * container events (see engine-events.md for the real sequences) and the
 * time, it keeps each container's status and answers with effects for the
 * shell (supervisor.ts) to carry out. No engine, no timers: unit tests
 * replay recorded sequences with a fake clock.
 */
import type { Service, Stack } from "../../../stack/model.js";
import type { SupervisionReport } from "../../../events/stack-event.js";
import { isOneShot, type ServiceState, type ServiceStatus, type StatusTransition } from "../../../events/status.js";
import { backoffDelay, type SupervisePolicy } from "./policy.js";
import { formatMs } from "../../../base/duration-text.js";

/** A container event, reduced to what supervision needs. */
export interface SupervisedEvent {
  readonly kind: "create" | "start" | "die" | "oom" | "kill" | "stop" | "destroy" | "healthy" | "unhealthy";
  readonly containerId: string;
  readonly service: string;
  readonly replica: number;
  /** `die` only. */
  readonly exitCode?: number;
}

/** What the shell must do. */
export type Effect =
  | { readonly type: "transition"; readonly transition: StatusTransition }
  /** Something to tell the user that is not a status change. */
  | { readonly type: "report"; readonly report: SupervisionReport }
  | { readonly type: "container-started"; readonly service: string; readonly containerId: string }
  /** Call `restartDue(containerId, token)` after `delayMs`. */
  | { readonly type: "schedule-restart"; readonly containerId: string; readonly delayMs: number; readonly token: number }
  | { readonly type: "restart"; readonly containerId: string; readonly service: string; readonly replica: number }
  /** Stop the container and explain why (`reason`), with its last exit code, health output and log lines. */
  | { readonly type: "crash-loop"; readonly containerId: string; readonly service: string; readonly replica: number; readonly reason: string; readonly lastExitCode?: number }
  /** A dependency (re)started: restart its `restart: true` dependents. */
  | { readonly type: "dependency-restarted"; readonly service: string };

/** Why tsd is about to see this container stop and start. */
type Expectation = "restart" | "cascade-restart" | "crash-loop-stop";

interface Tracked {
  readonly containerId: string;
  readonly service: string;
  readonly replica: number;
  state: ServiceState;
  exitCode?: number;
  detail?: string;
  since: number;
  /** A `die` since the last `start`: the next start is a restart. */
  diedSinceStart: boolean;
  /** A `kill` since the last `start`: the die was asked for, the restart policy will not bring it back. */
  killedSinceStart: boolean;
  /** The last `die` came without a `kill`: the process ended by itself (a crash, or a clean exit). */
  diedByItself: boolean;
  /** A newer container of a replica seen before: its first start is a recreate. */
  replacesAnother: boolean;
  expectation?: Expectation;
  pendingRestart?: number;
  /** Times of restarts, for the crash-loop window. */
  restarts: number[];
}

/** The supervisor's state for one project. */
export class SupervisorMachine {
  private readonly containers = new Map<string, Tracked>();
  /** `service#replica` of every replica ever seen, to tell a recreate from a first creation. */
  private readonly knownReplicas = new Set<string>();
  private nextToken = 1;

  constructor(
    private stack: Stack,
    private policyOf: (service: Service) => SupervisePolicy,
  ) {}

  /** Supervise an edited stack from now on. */
  setStack(stack: Stack): void {
    this.stack = stack;
  }

  /** The containers as they were when supervision began; one already unhealthy is treated as if it just turned so. */
  observe(snapshot: readonly { readonly containerId: string; readonly service: string; readonly replica: number; readonly state: ServiceState; readonly exitCode?: number }[], now: number): Effect[] {
    for (const entry of snapshot) {
      this.knownReplicas.add(`${entry.service}#${entry.replica}`);
      this.containers.set(entry.containerId, {
        containerId: entry.containerId,
        service: entry.service,
        replica: entry.replica,
        state: entry.state,
        ...(entry.exitCode === undefined ? {} : { exitCode: entry.exitCode }),
        since: now,
        diedSinceStart: entry.state === "exited" || entry.state === "completed",
        killedSinceStart: false,
        diedByItself: false,
        replacesAnother: false,
        restarts: [],
      });
    }
    return [...this.containers.values()].filter((tracked) => tracked.state === "unhealthy").flatMap((tracked) => this.unhealthy(tracked, now));
  }

  /** Live status, in the stack's service order, replicas by number. */
  status(): ServiceStatus[] {
    const order = Object.keys(this.stack.services);
    return [...this.containers.values()]
      .sort((a, b) => order.indexOf(a.service) - order.indexOf(b.service) || a.service.localeCompare(b.service) || a.replica - b.replica)
      .map((tracked) => ({
        service: tracked.service,
        replica: tracked.replica,
        state: tracked.state,
        containerId: tracked.containerId,
        since: tracked.since,
        ...(tracked.exitCode === undefined ? {} : { exitCode: tracked.exitCode }),
        ...(tracked.detail === undefined ? {} : { detail: tracked.detail }),
      }));
  }

  /** Tells the machine that tsd itself is about to restart this container for a dependency (its start must not cascade again). */
  expectCascadeRestart(containerId: string): void {
    const tracked = this.containers.get(containerId);
    if (tracked) tracked.expectation = "cascade-restart";
  }

  /** One container event. */
  handle(event: SupervisedEvent, now: number): Effect[] {
    let tracked = this.containers.get(event.containerId);
    if (!tracked) {
      if (event.kind === "destroy") return [];
      const key = `${event.service}#${event.replica}`;
      tracked = { containerId: event.containerId, service: event.service, replica: event.replica, state: "pending", since: now, diedSinceStart: false, killedSinceStart: false, diedByItself: false, replacesAnother: this.knownReplicas.has(key), restarts: [] };
      this.knownReplicas.add(key);
      this.containers.set(event.containerId, tracked);
    }
    switch (event.kind) {
      case "create":
        return [];
      case "start":
        return this.started(tracked, now);
      case "kill":
        tracked.killedSinceStart = true;
        return [];
      case "oom":
        return [{ type: "report", report: { action: "out-of-memory", service: tracked.service, replica: tracked.replica } }];
      case "die":
        return this.died(tracked, event.exitCode ?? 0, now);
      case "stop":
        return [];
      case "destroy":
        this.containers.delete(tracked.containerId);
        return [];
      case "healthy":
        tracked.pendingRestart = undefined;
        return this.moveTo(tracked, "healthy", now);
      case "unhealthy":
        return [...this.moveTo(tracked, "unhealthy", now), ...this.unhealthy(tracked, now)];
    }
  }

  /** A scheduled restart is due: restart if the container is still unhealthy and nothing cancelled it. */
  restartDue(containerId: string, token: number, now: number): Effect[] {
    const tracked = this.containers.get(containerId);
    if (!tracked || tracked.pendingRestart !== token) return [];
    tracked.pendingRestart = undefined;
    if (tracked.state !== "unhealthy") return [];
    tracked.expectation = "restart";
    tracked.restarts.push(now);
    return [...this.moveTo(tracked, "restarting", now), { type: "restart", containerId, service: tracked.service, replica: tracked.replica }];
  }

  private started(tracked: Tracked, now: number): Effect[] {
    const service = this.stack.services[tracked.service];
    const isRestart = tracked.diedSinceStart || (tracked.replacesAnother && tracked.state === "pending");
    const expectation = tracked.expectation;
    const diedByItself = tracked.diedByItself;
    const lastExitCode = tracked.exitCode;
    // Started again after crash-looping: someone (`tsd start`, `tsd up`) gives it a fresh chance.
    if (tracked.state === "crash-looping") tracked.restarts = [];
    tracked.expectation = undefined;
    tracked.diedSinceStart = false;
    tracked.killedSinceStart = false;
    tracked.replacesAnother = false;
    tracked.detail = undefined;
    tracked.exitCode = undefined;
    const effects: Effect[] = [];
    // The engine's restart policy brought it back: counts towards crash-looping (tsd's own restarts were counted when decided).
    if (isRestart && expectation === undefined && service) {
      const policy = this.policyOf(service);
      if (policy.configured && tracked.state !== "crash-looping" && diedByItself) {
        tracked.restarts.push(now);
        const recent = this.recentRestarts(tracked, policy, now);
        if (recent > policy.maxRestarts) {
          // The exit code of the crash that started the last restart, for the report.
          if (lastExitCode !== undefined) tracked.exitCode = lastExitCode;
          effects.push(...this.crashLoop(tracked, `${recent} restarts within ${formatMs(policy.window)}`, now));
          return effects;
        }
      }
    }
    effects.push(...this.moveTo(tracked, service?.healthcheck && !service.healthcheck.disable ? "starting" : "running", now));
    effects.push({ type: "container-started", service: tracked.service, containerId: tracked.containerId });
    if (isRestart && expectation !== "cascade-restart") effects.push({ type: "dependency-restarted", service: tracked.service });
    return effects;
  }

  private died(tracked: Tracked, exitCode: number, now: number): Effect[] {
    tracked.diedSinceStart = true;
    tracked.diedByItself = !tracked.killedSinceStart;
    tracked.pendingRestart = undefined;
    if (tracked.state === "crash-looping") return [];
    if (tracked.expectation === "restart" || tracked.expectation === "cascade-restart") {
      tracked.exitCode = exitCode;
      return this.moveTo(tracked, "restarting", now);
    }
    const service = this.stack.services[tracked.service];
    const policy = service?.restart.policy ?? "no";
    const engineWillRestart = !tracked.killedSinceStart && (policy === "always" || policy === "unless-stopped" || (policy === "on-failure" && exitCode !== 0));
    tracked.exitCode = exitCode;
    if (engineWillRestart) return this.moveTo(tracked, "restarting", now);
    return this.moveTo(tracked, exitCode === 0 && this.isOneShot(tracked.service) ? "completed" : "exited", now);
  }

  private unhealthy(tracked: Tracked, now: number): Effect[] {
    const service = this.stack.services[tracked.service];
    if (!service || tracked.pendingRestart !== undefined) return [];
    const policy = this.policyOf(service);
    if (!policy.restartUnhealthy) return [];
    const attempt = this.recentRestarts(tracked, policy, now) + 1;
    if (attempt > policy.maxRestarts) return this.crashLoop(tracked, `still unhealthy after ${policy.maxRestarts} restarts within ${formatMs(policy.window)}`, now);
    const delayMs = backoffDelay(policy, attempt);
    const token = this.nextToken++;
    tracked.pendingRestart = token;
    return [
      { type: "report", report: { action: "restart-scheduled", service: tracked.service, replica: tracked.replica, delayMs, attempt, maxRestarts: policy.maxRestarts } },
      { type: "schedule-restart", containerId: tracked.containerId, delayMs, token },
    ];
  }

  private crashLoop(tracked: Tracked, reason: string, now: number): Effect[] {
    tracked.expectation = "crash-loop-stop";
    tracked.pendingRestart = undefined;
    const lastExitCode = tracked.exitCode;
    tracked.detail = reason;
    return [
      ...this.moveTo(tracked, "crash-looping", now),
      { type: "crash-loop", containerId: tracked.containerId, service: tracked.service, replica: tracked.replica, reason, ...(lastExitCode === undefined ? {} : { lastExitCode }) },
    ];
  }

  private recentRestarts(tracked: Tracked, policy: SupervisePolicy, now: number): number {
    tracked.restarts = tracked.restarts.filter((at) => now - at < policy.window);
    return tracked.restarts.length;
  }

  /** A service others wait on with `service_completed_successfully`: exiting 0 is its job done. */
  isOneShot(serviceName: string): boolean {
    return isOneShot(serviceName, Object.values(this.stack.services));
  }

  private moveTo(tracked: Tracked, state: ServiceState, now: number): Effect[] {
    const from = tracked.state;
    if (from === state && state !== "exited") return [];
    tracked.state = state;
    tracked.since = now;
    const transition: StatusTransition = {
      service: tracked.service,
      replica: tracked.replica,
      from,
      to: state,
      at: now,
      ...(tracked.detail === undefined ? {} : { detail: tracked.detail }),
      ...(tracked.exitCode === undefined || (state !== "exited" && state !== "completed") ? {} : { exitCode: tracked.exitCode }),
    };
    return [{ type: "transition", transition }];
  }
}
