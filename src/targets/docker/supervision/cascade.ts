/**
 * After a dependency restarted (or was recreated), restart the services
 * whose `depends_on` entry says `restart: true`, transitively, dependencies
 * first, each once its restarted dependencies meet its condition again.
 * Compose does this only when it restarts the dependency itself; tsd also
 * follows restarts by the engine's restart policy, seen in events.
 */
import type { Engine } from "../../../docker-api/engine.js";
import { containersByService } from "../verbs/containers.js";
import { servicesInOrder } from "../../../project/services.js";
import type { Project } from "../../../project/project.js";
import { replicaOf } from "../../../base/labels.js";
import type { Clock } from "../../../base/clock.js";
import type { SupervisionReport } from "../../../events/stack-event.js";
import { awaitCondition } from "./await-condition.js";

/** What a cascade needs from the supervisor. */
export interface CascadeContext {
  readonly engine: Engine;
  readonly project: Project;
  readonly signal: AbortSignal;
  readonly report: (report: SupervisionReport) => void;
  readonly timeoutMs: number;
  readonly clock: Clock;
  /** Marks a container tsd is about to restart for a dependency, so its own start does not start another cascade. */
  readonly expectRestart: (containerId: string) => void;
}

/** Services to restart when `service` restarted: `restart: true` dependents, their own such dependents, … */
export function restartClosure(project: Project, service: string): Set<string> {
  const closure = new Set<string>();
  const queue = [service];
  while (queue.length > 0) {
    const restarted = queue.shift() as string;
    for (const [name, candidate] of Object.entries(project.stack.services)) {
      if (candidate.dependsOn[restarted]?.restart && !closure.has(name) && name !== service) {
        closure.add(name);
        queue.push(name);
      }
    }
  }
  return closure;
}

/** Restarts the `restart: true` dependents of `service`, in dependency order. */
export async function restartDependents(context: CascadeContext, service: string): Promise<void> {
  const { engine, project, signal } = context;
  const closure = restartClosure(project, service);
  if (closure.size === 0) return;
  const restarted = new Set([service]);
  for (const dependent of servicesInOrder(project, [...closure], "dependencies-first")) {
    if (signal.aborted) return;
    const dependsOn = project.stack.services[dependent]?.dependsOn ?? {};
    const causes = Object.keys(dependsOn).filter((name) => restarted.has(name) && dependsOn[name]?.restart);
    for (const cause of causes) {
      const [group] = await containersByService(engine, project, [cause]);
      await awaitCondition(
        engine,
        { service: cause, containers: (group?.containers ?? []).map((container) => container.id), condition: dependsOn[cause]?.condition ?? "service_started", dependent, timeoutMs: context.timeoutMs, signal },
        context.clock,
      );
    }
    const [group] = await containersByService(engine, project, [dependent]);
    const running = (group?.containers ?? []).filter((container) => container.state === "running" || container.state === "restarting");
    await Promise.all(
      running.map(async (container) => {
        context.report({ action: "dependent-restarting", service: dependent, replica: replicaOf(container) ?? 1, dependencies: causes });
        context.expectRestart(container.id);
        await engine.restartContainer(container.id);
      }),
    );
    restarted.add(dependent);
  }
}
