/**
 * `logs --target swarm`: each selected service's output through the
 * manager (`/services/{id}/logs`), every line told as a log event with the
 * task it came from (`demo_web.2`), followed until the signal aborts.
 */
import type { Clock } from "../../base/clock.js";
import { LABEL_SERVICE } from "../../base/labels.js";
import type { SwarmEngine } from "../../docker-api/swarm-engine.js";
import type { ObservedService } from "../../docker-api/swarm-types.js";
import type { EventSink } from "../../events/stack-event.js";
import type { Project } from "../../project/project.js";
import type { LogFollow, LogRequest } from "../target.js";
import { projectFilter } from "./convert/names.js";

/** Reads one service's output into log events. */
async function readService(engine: SwarmEngine, service: ObservedService, request: LogRequest, emit: EventSink, clock: Clock, slots: ReadonlyMap<string, number>): Promise<void> {
  const key = service.spec.Labels[LABEL_SERVICE] ?? service.spec.Name;
  const options = {
    follow: request.follow,
    timestamps: request.timestamps,
    ...(request.tail !== undefined ? { tail: request.tail } : {}),
    ...(request.since !== undefined ? { since: request.since } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  };
  for await (const chunk of engine.serviceLogs(service.id, options)) {
    const slot = slots.get(chunk.taskId);
    if (request.index !== undefined && slot !== request.index) continue;
    const container = `${service.spec.Name}.${slot ?? chunk.taskId.slice(0, 12)}`;
    emit({ type: "log", service: key, container, ...(slot !== undefined ? { replica: slot } : {}), stream: chunk.stream, text: chunk.text, at: clock.now() });
  }
}

/** Starts reading every selected service's output. */
export async function followServiceLogs(engine: SwarmEngine, project: Project, request: LogRequest, emit: EventSink, clock: Clock): Promise<LogFollow> {
  const services = (await engine.listServices(projectFilter(project.stack)))
    .filter((service) => request.services.length === 0 || request.services.includes(service.spec.Labels[LABEL_SERVICE] ?? ""));
  const tasks = await engine.listTasks(services.map((service) => service.id));
  const slots = new Map(tasks.flatMap((task) => (task.slot !== undefined ? [[task.id, task.slot] as const] : [])));
  const sources = services.map((service) => ({ id: service.id, service: service.spec.Labels[LABEL_SERVICE] ?? service.spec.Name, name: service.spec.Name }));
  const done = Promise.all(services.map((service) => readService(engine, service, request, emit, clock, slots))).then(() => undefined);
  return { sources, done };
}
