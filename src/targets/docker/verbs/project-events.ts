/**
 * The engine's container events of one project: `tsd events`. The engine
 * filters on both the project name and the project's identity label, so a
 * same-named project from another folder never shows; services are picked
 * here (the engine ANDs label filters, so it cannot select "web or db").
 */
import type { Engine } from "../../../docker-api/engine.js";
import { LABEL_PROJECT, LABEL_PROJECT_ID, LABEL_SERVICE } from "../../../base/labels.js";
import type { Project } from "../../../project/project.js";

/** One event of the project, with the container's own labels left out of its attributes. */
export interface ProjectEvent {
  /** RFC 3339 with nanoseconds. */
  readonly time: string;
  readonly type: string;
  readonly action: string;
  /** Container ID. */
  readonly id: string;
  /** Container name. */
  readonly name: string;
  readonly service: string;
  /** `image`, `name`, `exitCode`, `signal`, the user's labels…; sorted by key. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** tsd's and Compose's bookkeeping labels: true to what the engine says, but noise in an event (the config label is kilobytes of JSON). */
function isBookkeeping(key: string): boolean {
  return key.startsWith("dev.tsd.") || key.startsWith("com.docker.compose.");
}

/**
 * The project's container events from `since` (Unix seconds: when the user
 * asked, so events while tsd was starting are not lost) until the signal aborts.
 */
export async function* projectEvents(engine: Engine, project: Project, services: readonly string[], since: number, signal: AbortSignal): AsyncGenerator<ProjectEvent> {
  const labels = { [LABEL_PROJECT]: project.stack.name, [LABEL_PROJECT_ID]: project.stack.projectId };
  for await (const event of engine.events({ labels, since }, signal)) {
    const service = event.attributes[LABEL_SERVICE] ?? "";
    if (services.length > 0 && !services.includes(service)) continue;
    const attributes = Object.fromEntries(
      Object.entries(event.attributes)
        .filter(([key]) => !isBookkeeping(key))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    yield { time: event.time, type: event.type, action: event.action, id: event.actorId, name: event.attributes.name ?? "", service, attributes };
  }
}
