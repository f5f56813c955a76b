/**
 * `tsd up --wait`: done once every selected service container is running
 * (healthy, where it has a health check) and every one-shot job has
 * completed: services others wait on with `service_completed_successfully`,
 * and data containers. A clean exit of a job is success, not failure.
 */
import type { Engine } from "../../engine/engine.js";
import { LABEL_KIND, LABEL_PROJECT, LABEL_PROJECT_ID, LABEL_SERVICE } from "../../engine/labels.js";
import type { ObservedContainer } from "../../engine/types.js";
import { ConditionError } from "../../errors.js";
import type { Project } from "../../project.js";
import { type Clock, systemClock } from "../await-condition.js";
import { isOneShot, statusOf } from "../status.js";
import { lastLogLines, logTailReport } from "./crash-report.js";
import { supervisePolicyOf } from "./policy.js";

/** One container's verdict. */
type Readiness = { readonly ready: true } | { readonly ready: false; readonly failed: boolean; readonly why: string };

/** Judges one service container for `--wait`. */
export function readiness(container: ObservedContainer, oneShot: boolean, hasHealthcheck: boolean): Readiness {
  const { state, exitCode } = statusOf(container, oneShot);
  const health = container.lastHealthOutput ? `; last health check output: ${container.lastHealthOutput.trim()}` : "";
  switch (state) {
    case "completed":
      return { ready: true };
    case "healthy":
      return { ready: true };
    case "running":
      // A job still working is not done yet; a service without a health check is ready once it runs.
      return oneShot ? { ready: false, failed: false, why: "is still running" } : hasHealthcheck ? { ready: false, failed: false, why: "has no health status yet" } : { ready: true };
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

/** What to wait for. */
export interface WaitReadyRequest {
  /** Services the user named; empty: all. */
  readonly services: readonly string[];
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
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
  let interval = 100;
  for (;;) {
    const containers = (await engine.listContainers(labels)).sort((a, b) => a.name.localeCompare(b.name));
    const pending: string[] = [];
    const failed: { what: string; container: ObservedContainer; why: string }[] = [];
    for (const container of containers) {
      const kind = container.labels[LABEL_KIND];
      const serviceName = container.labels[LABEL_SERVICE] ?? "";
      if (kind === "one-off") continue;
      if (kind === "service" && request.services.length > 0 && !request.services.includes(serviceName)) continue;
      const service = project.stack.services[serviceName];
      // A data container holds data; its command, if any, must have succeeded (one never started is fine).
      const inspected = kind === "data-container" ? container : await detailed(engine, container);
      const verdict =
        kind === "data-container"
          ? container.state === "created"
            ? ({ ready: true } as const)
            : readiness(container, true, false)
          : service && crashLooping(inspected, supervisePolicyOf(service).maxRestarts)
            ? ({ ready: false, failed: true, why: `is crash-looping: restarted ${inspected.restartCount} times, last exit code ${inspected.exitCode}` } as const)
            : readiness(inspected, isOneShot(serviceName, services), Boolean(service?.healthcheck && !service.healthcheck.disable));
      if (verdict.ready) continue;
      const what = kind === "data-container" ? `data container ${serviceName || container.name}` : `service ${serviceName}`;
      if (verdict.failed) failed.push({ what, container, why: verdict.why });
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
 * The list answer has no health output nor restart count; inspect a container
 * whose health or restarts matter. A healthy one needs neither, nor does a
 * running one without a health check (a running container is not
 * crash-looping): on a stack that is up, a poll inspects nothing.
 */
async function detailed(engine: Engine, container: ObservedContainer): Promise<ObservedContainer> {
  if (container.health === "healthy" || (container.health === "none" && !mayCrashLoop(container))) return container;
  return (await engine.inspectContainer(container.id)) ?? container;
}

/**
 * Down again after as many engine restarts as the service's supervision
 * policy allows (`x-tsd.supervise.max_restarts`, 5 by default): its restart
 * policy keeps it coming back, but it will not stay up by itself.
 */
function crashLooping(container: ObservedContainer, maxRestarts: number): boolean {
  return mayCrashLoop(container) && (container.restartCount ?? 0) >= maxRestarts;
}

/** Not up right now: only such a container can be counted as crash-looping. */
function mayCrashLoop(container: ObservedContainer): boolean {
  return container.state !== "running" && container.state !== "paused";
}

/** Every failed service, one per line, crash-looping ones with their last log lines. */
async function failureReport(engine: Engine, failed: readonly { what: string; container: ObservedContainer; why: string }[]): Promise<string> {
  const lines: string[] = [];
  for (const { what, container, why } of failed) {
    lines.push(`--wait: ${what} (${container.name}) ${why}`);
    if (!why.startsWith("is crash-looping")) continue;
    lines.push(...logTailReport(await lastLogLines(engine, container.id).catch(() => [])));
  }
  return lines.join("\n");
}
