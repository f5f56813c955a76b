/**
 * `tsd restart`: the named services, then every service whose `depends_on`
 * entry on a restarted service says `restart: true` (transitively), each
 * once its restarted dependencies meet their conditions again. A dependent
 * without `restart: true` is left running: it did not ask to follow.
 */
import type { Project } from "../../../project/project.js";
import { awaitDependencies, noContainer, type OnContainerProgress } from "./lifecycle.js";
import { walkServices } from "../../../project/walk-services.js";
import { containersByService, type DockerScope } from "./containers.js";
import { servicesInOrder } from "../../../project/services.js";

/** Options of {@link restartServices}. */
export interface RestartOptions {
  /** Seconds before SIGKILL; absent: each container's own stop timeout. */
  readonly timeoutSeconds?: number;
  /** How long a restarted dependency may take to meet its condition again. */
  readonly waitTimeoutMs: number;
  readonly onProgress: OnContainerProgress;
  readonly onWarning: (message: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * The services a restart of `named` (empty: all) reaches, dependencies
 * first: `named` plus, repeatedly, every service with a `restart: true`
 * dependency already in the set.
 */
export function servicesToRestart(project: Project, named: readonly string[]): string[] {
  const services = project.stack.services;
  const reached = new Set(servicesInOrder(project, named, "dependencies-first"));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [key, service] of Object.entries(services)) {
      if (reached.has(key)) continue;
      if (Object.entries(service.dependsOn).some(([dependency, entry]) => entry.restart && reached.has(dependency))) {
        reached.add(key);
        grew = true;
      }
    }
  }
  return servicesInOrder(project, [...reached], "dependencies-first");
}

/** Restarts `named` (empty: every service) and their `restart: true` dependents. */
export async function restartServices(session: DockerScope, named: readonly string[], options: RestartOptions): Promise<void> {
  const { project, engine } = session;
  const ordered = servicesToRestart(project, named);
  const groups = new Map((await containersByService(engine, project, ordered)).map((group) => [group.service, group.containers]));
  // A dependent pulled in without containers has nothing to restart; a service the user named must have some.
  for (const service of named) if ((groups.get(service) ?? []).length === 0) throw noContainer(service);
  const restarting = new Set(ordered);
  await walkServices(project, ordered, "dependencies-first", async (service) => {
    const followed = (dependency: string) => restarting.has(dependency) && project.stack.services[service]?.dependsOn[dependency]?.restart === true;
    await awaitDependencies(session, service, followed, options);
    await Promise.all(
      (groups.get(service) ?? []).map(async (container) => {
        await engine.restartContainer(container.id, options.timeoutSeconds);
        options.onProgress({ service, container: container.name, outcome: "Restarted" });
      }),
    );
  });
}
