/**
 * `tsd up --wait`: done once every selected service container is running
 * (healthy, where it has a health check) and every one-shot job has
 * completed: services others wait on with `service_completed_successfully`,
 * and data containers. A clean exit of a job is success, not failure. A
 * container the engine has restarted must also have stayed up a while.
 */
import type { Engine } from "../../../docker-api/engine.js";
import { LABEL_KIND, LABEL_PROJECT, LABEL_PROJECT_ID, LABEL_SERVICE } from "../../../base/labels.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import { ConditionError } from "../../../base/errors.js";
import type { Project } from "../../../project/project.js";
import type { WaitReadyRequest } from "../../target.js";
import type { Service } from "../../../stack/model.js";
import { type Clock, systemClock } from "../../../base/clock.js";
import { isOneShot } from "../../../events/status.js";
import { statusOf } from "./status.js";
import { logTailReport } from "../../../base/log-tail.js";
import { lastLogLines } from "./crash-report.js";
import { supervisePolicyOf } from "./policy.js";

/** One container's verdict. */
type Readiness = { readonly ready: true } | { readonly ready: false; readonly failed: boolean; readonly why: string; readonly crashLoop?: boolean };

/** A container that failed the wait; a crash loop's report adds its last log lines. */
interface Failure {
  readonly what: string;
  readonly container: ObservedContainer;
  readonly why: string;
  readonly crashLoop: boolean;
}

/** Judges one service container for `--wait`, at time `now`. */
export function readiness(container: ObservedContainer, oneShot: boolean, hasHealthcheck: boolean, now: number): Readiness {
  const { state, exitCode } = statusOf(container, oneShot);
  const health = container.lastHealthOutput ? `; last health check output: ${container.lastHealthOutput.trim()}` : "";
  switch (state) {
    case "completed":
      return { ready: true };
    case "healthy":
      return { ready: true };
    case "running":
      // A job still working is not done yet; a service without a health check is ready once it runs, and its restart, if any, has held.
      return oneShot ? { ready: false, failed: false, why: "is still running" } : hasHealthcheck ? { ready: false, failed: false, why: "has no health status yet" } : (restartNotHeld(container, now) ?? { ready: true });
    case "unhealthy":
      return { ready: false, failed: true, why: `is unhealthy${health}` };
    case "exited":
      return { ready: false, failed: true, why: `exited with code ${exitCode ?? "?"}${health}` };
    case "starting":
      return { ready: false, failed: false, why: `health is starting${health}` };
    default:
      return { ready: false, failed: false, why: `is ${state}` };
  }
}


/**
 * Resolves when the stack is ready. A service that failed (unhealthy, exited,
 * crash-looping) does not stop the wait for the others: once nothing is left
 * pending, throws ConditionError naming every failed service (or, at the
 * deadline, the first one still not ready).
 */
export async function waitUntilReady(engine: Engine, project: Project, request: WaitReadyRequest, clock: Clock = systemClock): Promise<void> {
  const deadline = clock.now() + request.timeoutMs;
  const services = Object.values(project.stack.services);
  const labels = { [LABEL_PROJECT]: project.stack.name, [LABEL_PROJECT_ID]: project.stack.projectId };
  // Each service's restart allowance, read from its x-tsd block once, not on every poll.
  const allowances = new Map<string, number>();
  const maxRestartsOf = (service: Service): number => {
    const known = allowances.get(service.name);
    if (known !== undefined) return known;
    const allowed = supervisePolicyOf(service).maxRestarts;
    allowances.set(service.name, allowed);
    return allowed;
  };
  let interval = 100;
  for (;;) {
    const listed = (await engine.listContainers(labels)).sort((a, b) => a.name.localeCompare(b.name));
    const selected = listed.filter((container) => {
      const kind = container.labels[LABEL_KIND];
      if (kind === "one-off") return false;
      return !(kind === "service" && request.services.length > 0 && !request.services.includes(container.labels[LABEL_SERVICE] ?? ""));
    });
    // A data container's list answer says all that matters about it; the others are inspected together.
    const containers = await Promise.all(selected.map((container) => (container.labels[LABEL_KIND] === "data-container" ? container : detailed(engine, container))));
    const pending: string[] = [];
    const failed: Failure[] = [];
    for (const container of containers) {
      const kind = container.labels[LABEL_KIND];
      const serviceName = container.labels[LABEL_SERVICE] ?? "";
      const service = project.stack.services[serviceName];
      // A data container holds data; its command, if any, must have succeeded (one never started is fine).
      const verdict =
        kind === "data-container"
          ? container.state === "created"
            ? ({ ready: true } as const)
            : readiness(container, true, false, clock.now())
          : service && crashLooping(container, maxRestartsOf(service))
            ? ({ ready: false, failed: true, crashLoop: true, why: `is crash-looping: restarted ${container.restartCount} times, last exit code ${container.exitCode}` } as const)
            : readiness(container, isOneShot(serviceName, services), Boolean(service?.healthcheck && !service.healthcheck.disable), clock.now());
      if (verdict.ready) continue;
      const what = kind === "data-container" ? `data container ${serviceName || container.name}` : `service ${serviceName}`;
      if (verdict.failed) failed.push({ what, container, why: verdict.why, crashLoop: verdict.crashLoop === true });
      else pending.push(`${what} (${container.name}) ${verdict.why}`);
    }
    if (pending.length === 0 && failed.length > 0) throw new ConditionError(await failureReport(engine, failed));
    if (pending.length === 0) return;
    if (request.signal?.aborted) throw new ConditionError("--wait: interrupted");
    if (clock.now() >= deadline) {
      const timedOut = `--wait: timed out after ${Math.round(request.timeoutMs / 1000)}s: ${pending[0]}`;
      throw new ConditionError(failed.length > 0 ? `${timedOut}\n${await failureReport(engine, failed)}` : timedOut);
    }
    await clock.sleep(interval, request.signal);
    interval = Math.min(interval * 2, 1000);
  }
}

/**
 * The list answer has no health output, restart count nor start time; inspect
 * a container whose health or restarts matter. Only a healthy one needs
 * neither: its health check passed since its latest start. A running one
 * without a health check may be a crash loop caught between two restarts.
 */
async function detailed(engine: Engine, container: ObservedContainer): Promise<ObservedContainer> {
  if (container.health === "healthy") return container;
  return (await engine.inspectContainer(container.id)) ?? container;
}

/**
 * dockerd resets a container's restart backoff once it has run this long: the
 * engine's own measure of a restart that held.
 */
export const RESTART_HELD_MS = 10_000;

/**
 * A running container without a health check that the engine has restarted
 * is ready only once it has stayed up for RESTART_HELD_MS: a crash loop is
 * briefly running between its restarts, and must not pass for ready then.
 */
function restartNotHeld(container: ObservedContainer, now: number): Readiness | undefined {
  if ((container.restartCount ?? 0) === 0) return undefined;
  const upFor = now - Date.parse(container.startedAt ?? "");
  if (!(upFor < RESTART_HELD_MS)) return undefined;
  return { ready: false, failed: false, why: `was restarted ${container.restartCount} times and has been up ${Math.max(0, Math.round(upFor / 1000))}s; waiting for it to stay up ${RESTART_HELD_MS / 1000}s` };
}

/**
 * Down again after as many engine restarts as the service's supervision
 * policy allows (`x-tsd.supervise.max_restarts`, 5 by default): its restart
 * policy keeps it coming back, but it will not stay up by itself.
 */
function crashLooping(container: ObservedContainer, maxRestarts: number): boolean {
  return container.state !== "running" && container.state !== "paused" && (container.restartCount ?? 0) >= maxRestarts;
}

/** Every failed service, one per line, crash-looping ones with their last log lines. */
async function failureReport(engine: Engine, failed: readonly Failure[]): Promise<string> {
  const lines: string[] = [];
  for (const { what, container, why, crashLoop } of failed) {
    lines.push(`--wait: ${what} (${container.name}) ${why}`);
    if (!crashLoop) continue;
    lines.push(...logTailReport(await lastLogLines(engine, container.id).catch(() => [])));
  }
  return lines.join("\n");
}
