/**
 * The service containers of a project that start from now on (a scale-up,
 * a recreate by `up` or the watch loop, a restart by the engine or the
 * supervisor), read from the engine's event stream filtered by the
 * project's labels: what `logs -f` and `stats` pick up after they began, as
 * `docker compose logs -f` does.
 */
import { LABEL_KIND, LABEL_PROJECT, LABEL_PROJECT_ID, LABEL_SERVICE, replicaOf } from "../../../base/labels.js";
import type { Engine } from "../../../docker-api/engine.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import type { Project } from "../../../project/project.js";

/** Which containers count: these services (empty: all), only this replica number. */
export interface ContainerSelection {
  readonly services: readonly string[];
  readonly index?: number;
}

/** Whether a container (or an event's attributes, which carry its labels) is one of the selection's service containers. */
export function inSelection(labels: Readonly<Record<string, string>>, selection: ContainerSelection): boolean {
  if (labels[LABEL_KIND] !== "service") return false;
  if (selection.services.length > 0 && !selection.services.includes(labels[LABEL_SERVICE] ?? "")) return false;
  return selection.index === undefined || replicaOf({ labels }) === selection.index;
}

/** One start: the container as inspected then, and when (Unix seconds, fractional). */
export interface ContainerStart {
  readonly container: ObservedContainer;
  readonly at: number;
}

/** Each start of a selected container from `since` (Unix seconds) until the signal aborts. */
export async function* containerStarts(engine: Engine, project: Project, selection: ContainerSelection, since: number, signal: AbortSignal): AsyncGenerator<ContainerStart> {
  const labels = { [LABEL_PROJECT]: project.stack.name, [LABEL_PROJECT_ID]: project.stack.projectId };
  for await (const event of engine.events({ labels, since: Math.floor(since) }, signal)) {
    if (event.type !== "container" || event.action !== "start" || !inSelection(event.attributes, selection)) continue;
    const container = await engine.inspectContainer(event.actorId);
    if (container) yield { container, at: Date.parse(event.time) / 1000 };
  }
}
