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

/** Resolves when the stack is ready; throws ConditionError naming the first service that failed or was still not ready. */
export async function waitUntilReady(engine: Engine, project: Project, request: WaitReadyRequest, clock: Clock = systemClock): Promise<void> {
  const deadline = clock.now() + request.timeoutMs;
  const services = Object.values(project.stack.services);
  const labels = { [LABEL_PROJECT]: project.stack.name, [LABEL_PROJECT_ID]: project.stack.projectId };
  let interval = 100;
  for (;;) {
    const containers = (await engine.listContainers(labels)).sort((a, b) => a.name.localeCompare(b.name));
    const pending: string[] = [];
    for (const container of containers) {
      const kind = container.labels[LABEL_KIND];
      const serviceName = container.labels[LABEL_SERVICE] ?? "";
      if (kind === "one-off") continue;
      if (kind === "service" && request.services.length > 0 && !request.services.includes(serviceName)) continue;
      const service = project.stack.services[serviceName];
      // A data container holds data; its command, if any, must have succeeded (one never started is fine).
      const verdict =
        kind === "data-container"
          ? container.state === "created"
            ? ({ ready: true } as const)
            : readiness(container, true, false)
          : readiness(await detailed(engine, container), isOneShot(serviceName, services), Boolean(service?.healthcheck && !service.healthcheck.disable));
      if (verdict.ready) continue;
      const what = kind === "data-container" ? `data container ${serviceName || container.name}` : `service ${serviceName}`;
      if (verdict.failed) throw new ConditionError(`--wait: ${what} (${container.name}) ${verdict.why}`);
      pending.push(`${what} (${container.name}) ${verdict.why}`);
    }
    if (pending.length === 0) return;
    if (request.signal?.aborted) throw new ConditionError("--wait: interrupted");
    if (clock.now() >= deadline) throw new ConditionError(`--wait: timed out after ${Math.round(request.timeoutMs / 1000)}s: ${pending[0]}`);
    await clock.sleep(interval, request.signal);
    interval = Math.min(interval * 2, 1000);
  }
}

/** The list answer has no health output; inspect a container whose health matters to the message. */
async function detailed(engine: Engine, container: ObservedContainer): Promise<ObservedContainer> {
  if (container.health === "none" || container.health === "healthy") return container;
  return (await engine.inspectContainer(container.id)) ?? container;
}
