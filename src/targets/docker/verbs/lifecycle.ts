/**
 * The lifecycle verbs on existing containers: start, stop, kill, pause,
 * unpause, rm and wait, each at stack level (services, every replica), in
 * dependency order. Containers are never created or recreated here: that is
 * the reconciler's job (`tsd up`, `tsd create`).
 */
import type { ObservedContainer } from "../../../docker-api/types.js";
import { UsageError } from "../../../base/errors.js";
import type { ContainerOutcome } from "../../../events/stack-event.js";
import { awaitCondition } from "../supervision/await-condition.js";
import { type WalkDirection, walkServices } from "../../../project/walk-services.js";
import { containersByService, type DockerScope } from "./containers.js";
import { servicesInOrder } from "../../../project/services.js";

/** One container's outcome. */
export interface ContainerProgress {
  readonly service: string;
  readonly container: string;
  readonly outcome: ContainerOutcome;
}

/** Told once per container acted on. */
export type OnContainerProgress = (progress: ContainerProgress) => void;

/** A lifecycle action: which containers of a service it applies to, and the call. */
interface ContainerAction {
  readonly direction: WalkDirection;
  readonly applies: (container: ObservedContainer) => boolean;
  readonly act: (container: ObservedContainer) => Promise<void>;
  readonly outcome: ContainerOutcome;
}

/** States in which a container has processes (that can be stopped, killed). */
const ALIVE: ReadonlySet<ObservedContainer["state"]> = new Set(["running", "paused", "restarting"]);

/** Lists the services' containers once, then applies `action` service by service in its order, replicas in parallel. */
async function actOnServices(session: DockerScope, services: readonly string[], action: ContainerAction, onProgress: OnContainerProgress): Promise<void> {
  const ordered = servicesInOrder(session.project, services, action.direction);
  const groups = new Map((await containersByService(session.engine, session.project, ordered)).map((group) => [group.service, group.containers]));
  await walkServices(session.project, ordered, action.direction, async (service) => {
    const targets = (groups.get(service) ?? []).filter(action.applies);
    await Promise.all(
      targets.map(async (container) => {
        await action.act(container);
        onProgress({ service, container: container.name, outcome: action.outcome });
      }),
    );
  });
}

/** `tsd stop`: stop signal, then SIGKILL after the timeout (absent: the service's stop_grace_period, else 10 s). */
export function stopServices(session: DockerScope, services: readonly string[], options: { readonly timeoutSeconds?: number; readonly onProgress: OnContainerProgress }): Promise<void> {
  return actOnServices(
    session,
    services,
    { direction: "dependents-first", applies: (container) => ALIVE.has(container.state), act: (container) => session.engine.stopContainer(container.id, options.timeoutSeconds), outcome: "Stopped" },
    options.onProgress,
  );
}

/** `tsd kill`: sends `signal` to the main process of every running (or paused) container. */
export function killServices(session: DockerScope, services: readonly string[], options: { readonly signal: string; readonly onProgress: OnContainerProgress }): Promise<void> {
  return actOnServices(
    session,
    services,
    // A restarting container has no process to signal; the engine refuses it.
    { direction: "dependents-first", applies: (container) => container.state === "running" || container.state === "paused", act: (container) => session.engine.killContainer(container.id, options.signal), outcome: "Killed" },
    options.onProgress,
  );
}

/**
 * `tsd pause` freezes running containers, dependents first; `tsd unpause`
 * thaws paused ones, dependencies first.
 */
export function pauseServices(session: DockerScope, services: readonly string[], change: "pause" | "unpause", onProgress: OnContainerProgress): Promise<void> {
  const action: ContainerAction =
    change === "pause"
      ? { direction: "dependents-first", applies: (container) => container.state === "running", act: (container) => session.engine.pauseContainer(container.id), outcome: "Paused" }
      : { direction: "dependencies-first", applies: (container) => container.state === "paused", act: (container) => session.engine.unpauseContainer(container.id), outcome: "Unpaused" };
  return actOnServices(session, services, action, onProgress);
}

/** Options of {@link startServices}. */
export interface StartOptions {
  /** How long a `depends_on` condition may take. */
  readonly waitTimeoutMs: number;
  readonly onProgress: OnContainerProgress;
  /** A `required: false` dependency that did not come up. */
  readonly onWarning: (message: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * `tsd start`: starts the services' stopped containers, dependencies first,
 * each service once its `depends_on` conditions hold. Every service must
 * have a container (checked before anything starts).
 */
export async function startServices(session: DockerScope, services: readonly string[], options: StartOptions): Promise<void> {
  const { project, engine } = session;
  const ordered = servicesInOrder(project, services, "dependencies-first");
  const groups = new Map((await containersByService(engine, project, ordered)).map((group) => [group.service, group.containers]));
  for (const service of ordered) {
    if ((groups.get(service) ?? []).length === 0 && (project.stack.services[service]?.replicas ?? 0) > 0) throw noContainer(service);
  }
  await walkServices(project, ordered, "dependencies-first", async (service) => {
    await awaitDependencies(session, service, () => true, options);
    const stopped = (groups.get(service) ?? []).filter((container) => container.state === "created" || container.state === "exited");
    await Promise.all(
      stopped.map(async (container) => {
        await engine.startContainer(container.id);
        options.onProgress({ service, container: container.name, outcome: "Started" });
      }),
    );
  });
}

/**
 * Waits for the `depends_on` conditions of `service` on the dependencies
 * `considered` accepts, as `up` does before a start; a dependency without
 * containers is an error when required and skipped otherwise.
 */
export async function awaitDependencies(
  session: DockerScope,
  service: string,
  considered: (dependency: string) => boolean,
  options: Pick<StartOptions, "waitTimeoutMs" | "onWarning" | "signal">,
): Promise<void> {
  const entries = Object.entries(session.project.stack.services[service]?.dependsOn ?? {})
    .filter(([dependency]) => considered(dependency) && dependency in session.project.stack.services)
    .sort(([a], [b]) => a.localeCompare(b));
  const groups = await containersByService(session.engine, session.project, entries.map(([dependency]) => dependency));
  await Promise.all(
    entries.map(async ([dependency, entry], index) => {
      const containers = groups[index]?.containers ?? [];
      if (containers.length === 0) {
        if (entry.required) throw noContainer(dependency);
        return;
      }
      try {
        await awaitCondition(session.engine, {
          service: dependency,
          containers: containers.map((container) => container.name),
          condition: entry.condition,
          dependent: service,
          timeoutMs: options.waitTimeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        if (entry.required) throw error;
        options.onWarning(`${error instanceof Error ? error.message : String(error)} (required: false, going on)`);
      }
    }),
  );
}

/** "service web has no container; create it with `tsd up` or `tsd create`". */
export function noContainer(service: string): UsageError {
  return new UsageError(`service ${service} has no container; create it with \`tsd up\` or \`tsd create\``);
}

/** Options of {@link removeServices}. */
export interface RemoveOptions {
  /** `-s`: stop running containers first. */
  readonly stopFirst: boolean;
  readonly timeoutSeconds?: number;
  /** `-v`: also remove the containers' anonymous volumes. */
  readonly removeVolumes: boolean;
  /** Asked with the names of the containers about to go; `false` removes nothing. */
  readonly confirm: (containerNames: readonly string[]) => Promise<boolean>;
  readonly onProgress: OnContainerProgress;
}

/** How `tsd rm` ended. */
export type RemoveOutcome = "removed" | "no-stopped-containers" | "declined";

/** `tsd rm`: removes the services' stopped containers (running ones stay unless `stopFirst`). */
export async function removeServices(session: DockerScope, services: readonly string[], options: RemoveOptions): Promise<RemoveOutcome> {
  if (options.stopFirst) {
    await stopServices(session, services, { ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}), onProgress: options.onProgress });
  }
  const ordered = servicesInOrder(session.project, services, "dependents-first");
  const isStopped = (container: ObservedContainer) => container.state === "created" || container.state === "exited" || container.state === "dead";
  const stopped = (await containersByService(session.engine, session.project, ordered)).flatMap((group) => group.containers.filter(isStopped));
  if (stopped.length === 0) return "no-stopped-containers";
  if (!(await options.confirm(stopped.map((container) => container.name)))) return "declined";
  const chosen = new Set(stopped.map((container) => container.id));
  await actOnServices(
    session,
    services,
    {
      direction: "dependents-first",
      // Only what the user agreed to: a container started since the question stays.
      applies: (container) => chosen.has(container.id) && isStopped(container),
      act: (container) => session.engine.removeContainer(container.id, { force: false, removeVolumes: options.removeVolumes }),
      outcome: "Removed",
    },
    options.onProgress,
  );
  return "removed";
}

/**
 * `tsd wait`: blocks until every container of the services has stopped,
 * telling each exit code as it comes; returns the code of the container that
 * stopped first (Compose's `wait`).
 */
export async function waitForServices(session: DockerScope, services: readonly string[], onExit: (container: ObservedContainer, exitCode: number) => void): Promise<number> {
  const groups = await containersByService(session.engine, session.project, servicesInOrder(session.project, services, "dependencies-first"));
  for (const group of groups) if (group.containers.length === 0) throw noContainer(group.service);
  let first: number | undefined;
  await Promise.all(
    groups.flatMap((group) =>
      group.containers.map(async (container) => {
        const exitCode = await session.engine.waitContainer(container.id);
        first ??= exitCode;
        onExit(container, exitCode);
      }),
    ),
  );
  return first ?? 0;
}
