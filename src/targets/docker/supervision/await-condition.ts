/**
 * Waiting for a `depends_on` condition on the real containers of a service.
 *
 * Health is read from the container's current state only: Docker resets a
 * container's health to `starting` each time it starts, so a `healthy` read
 * here always belongs to the current start, never to one before a restart.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import { type Clock, systemClock } from "../../../base/clock.js";
import { ConditionError, InterruptedWaitError } from "../../../base/errors.js";
import type { DependencyCondition } from "../../../stack/model.js";

type Verdict = { readonly state: "met" } | { readonly state: "waiting"; readonly why: string } | { readonly state: "failed"; readonly why: string };

/** Judges one container against a condition. */
export function judge(container: ObservedContainer | undefined, condition: DependencyCondition): Verdict {
  if (!container) return { state: "failed", why: "its container does not exist" };
  switch (condition) {
    case "service_started":
      return container.state === "created" ? { state: "waiting", why: "not started yet" } : { state: "met" };
    case "service_completed_successfully":
      if (container.state === "exited" || container.state === "dead") {
        return container.exitCode === 0 ? { state: "met" } : { state: "failed", why: `exited with code ${container.exitCode}` };
      }
      return { state: "waiting", why: `still ${container.state}` };
    case "service_healthy":
      if (container.health === "none") return { state: "failed", why: "has no health check (service_healthy needs one)" };
      if (container.state === "exited" || container.state === "dead") return { state: "failed", why: `exited with code ${container.exitCode} before becoming healthy` };
      if (container.health === "healthy") return { state: "met" };
      if (container.health === "unhealthy") return { state: "failed", why: `is unhealthy${healthOutput(container)}` };
      return { state: "waiting", why: `health is ${container.health}${healthOutput(container)}` };
  }
}

function healthOutput(container: ObservedContainer): string {
  return container.lastHealthOutput ? `; last health check output: ${container.lastHealthOutput}` : "";
}

/** What to wait for. */
export interface AwaitRequest {
  readonly service: string;
  readonly containers: readonly string[];
  readonly condition: DependencyCondition;
  readonly dependent: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Resolves when every container meets the condition; throws ConditionError when one fails or time runs out. */
export async function awaitCondition(engine: Engine, request: AwaitRequest, clock: Clock = systemClock): Promise<void> {
  const deadline = clock.now() + request.timeoutMs;
  let interval = 100;
  for (;;) {
    const verdicts = await Promise.all(request.containers.map(async (name) => ({ name, verdict: judge(await engine.inspectContainer(name), request.condition) })));
    const failed = verdicts.find((entry) => entry.verdict.state === "failed");
    const prefix = `${request.dependent} depends on ${request.service} (${request.condition})`;
    if (failed && failed.verdict.state === "failed") throw new ConditionError(`${prefix}: ${failed.name} ${failed.verdict.why}`);
    const waiting = verdicts.find((entry) => entry.verdict.state === "waiting");
    if (!waiting) return;
    if (request.signal?.aborted) throw new InterruptedWaitError(`${prefix}: interrupted`);
    if (clock.now() >= deadline) {
      const why = waiting.verdict.state === "waiting" ? waiting.verdict.why : "";
      throw new ConditionError(`${prefix}: timed out after ${Math.round(request.timeoutMs / 1000)}s: ${waiting.name} ${why}`);
    }
    await clock.sleep(interval, request.signal);
    interval = Math.min(interval * 2, 1000);
  }
}
