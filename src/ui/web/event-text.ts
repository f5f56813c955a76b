/**
 * Which StackEvents the events timeline shows, in words: starts, deaths with
 * their exit codes, health changes, restarts by tsd's supervisor, OOM kills,
 * the results of actions and of file reloads; on a swarm, the task changes
 * between two looks at it. Pure.
 */
import type { StackEvent, SwarmOverview } from "./types.js";

/** How an entry is coloured. */
export type EntryTone = "good" | "bad" | "warn" | "info";

/** One line of the timeline. */
export interface TimelineEntry {
  readonly at: number;
  readonly service: string;
  readonly text: string;
  readonly tone: EntryTone;
}

/** `demo-api-1` → `api-1`: the project's name is in the header already. */
function shortName(name: string, service: string): string {
  const at = name.lastIndexOf(`-${service}-`);
  return at >= 0 ? name.slice(at + 1) : name;
}

/** The timeline's line for an engine event, or undefined for the ones it leaves out (exec, attach…). */
function engineEntry(event: Extract<StackEvent, { type: "engine-event" }>): Omit<TimelineEntry, "at" | "service"> | undefined {
  const { action, attributes } = event;
  const name = shortName(event.name, event.service);
  if (action === "start") return { text: `started ${name}`, tone: "good" };
  if (action === "die") return { text: `${name} died, exit code ${attributes.exitCode ?? "?"}`, tone: attributes.exitCode === "0" ? "info" : "bad" };
  if (action === "oom") return { text: `${name} ran out of memory (OOM)`, tone: "bad" };
  if (action === "kill") return { text: `${name} killed with ${attributes.signal ?? "a signal"}`, tone: "warn" };
  if (action === "restart") return { text: `${name} restarted`, tone: "warn" };
  if (action === "stop") return { text: `${name} stopped`, tone: "info" };
  if (action === "create" || action === "destroy") return { text: `${name} ${action === "create" ? "created" : "removed"}`, tone: "info" };
  if (action.startsWith("health_status")) {
    const health = action.split(":")[1]?.trim() ?? "";
    return { text: `${name} is ${health}`, tone: health === "healthy" ? "good" : health === "unhealthy" ? "bad" : "info" };
  }
  return undefined;
}

/** The supervisor's decisions. */
function supervisionEntry(event: Extract<StackEvent, { type: "supervision" }>): Omit<TimelineEntry, "at"> | undefined {
  switch (event.action) {
    case "restarting":
      return { service: event.service, text: `tsd restarts replica ${event.replica}: ${event.reason}`, tone: "warn" };
    case "restart-scheduled":
      return { service: event.service, text: `restart ${event.attempt}/${event.maxRestarts} scheduled in ${Math.round(event.delayMs / 1000)} s`, tone: "warn" };
    case "crash-loop":
      return { service: event.service, text: `crash-looping, stopped by tsd: ${event.reason}`, tone: "bad" };
    case "out-of-memory":
      return { service: event.service, text: `replica ${event.replica} ran out of memory (OOM)`, tone: "bad" };
    case "dependent-restarting":
      return { service: event.service, text: `restarted because ${event.dependencies.join(", ")} restarted`, tone: "warn" };
    default:
      return undefined;
  }
}

/** The timeline's entry for an event, or undefined when it shows none. */
export function timelineEntry(event: StackEvent): TimelineEntry | undefined {
  const at = event.at;
  switch (event.type) {
    case "engine-event": {
      const entry = engineEntry(event);
      return entry && { at, service: event.service, ...entry };
    }
    case "supervision": {
      const entry = supervisionEntry(event);
      return entry && { at, ...entry };
    }
    case "container":
      return { at, service: event.service, text: `${event.container} ${event.outcome.toLowerCase()}`, tone: "info" };
    case "done":
      if (event.verb === "plan") return undefined;
      return { at, service: "", text: `${event.verb} ${event.outcome}${event.error ? `: ${event.error}` : ""}`, tone: event.outcome === "succeeded" ? "good" : "bad" };
    case "watch":
      if (event.kind === "pass-invalid") return { at, service: "", text: `edit not applied: ${event.error.split("\n")[0] ?? ""}`, tone: "bad" };
      if (event.kind === "pass-applied") return { at, service: "", text: `applied ${event.steps.length} step(s) after ${event.trigger}`, tone: "good" };
      return undefined;
    case "warning":
      return { at, service: "", text: event.message, tone: "warn" };
    default:
      return undefined;
  }
}

/** Timeline lines for the tasks that appeared or changed state between two looks at the swarm. */
export function swarmTimeline(before: SwarmOverview | undefined, after: SwarmOverview, at: number): TimelineEntry[] {
  if (!before) return [];
  const previous = new Map(before.tasks.map((task) => [task.id, task]));
  return after.tasks.flatMap((task) => {
    const old = previous.get(task.id);
    if (old && old.currentState === task.currentState) return [];
    const name = task.slot !== undefined ? `${task.service}.${task.slot}` : task.service;
    const where = task.node ? ` on ${task.node}` : "";
    const tone = task.currentState === "running" ? "good" : task.currentState === "failed" || task.currentState === "rejected" ? "bad" : "info";
    const text = old ? `task ${name}${where}: ${old.currentState} → ${task.currentState}${task.error ? ` (${task.error})` : ""}` : `task ${name}${where}: ${task.currentState}`;
    return [{ at, service: task.service, text, tone }];
  });
}
