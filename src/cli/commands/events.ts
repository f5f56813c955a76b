/**
 * `tsd events`: the project's container events as they happen, until Ctrl-C:
 * one line each in Compose's style, or one JSON object per line (`--json`).
 */
import { containerVerbs } from "../../app/containers.js";
import type { StackEventOf } from "../../events/stack-event.js";
import { untilInterrupted } from "../interrupt.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd events`. */
export interface EventsFlags extends StackOptions {
  readonly json?: boolean;
}

/** Compose's time format, local time with microseconds: `2024-05-01 10:00:00.123456`. */
function localTime(time: string): string {
  const date = new Date(time);
  const two = (value: number) => String(value).padStart(2, "0");
  const micros = (/\.(\d+)Z$/.exec(time)?.[1] ?? "").padEnd(6, "0").slice(0, 6);
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${micros}`;
}

/** `2024-05-01 10:00:00.123456 container start web-1 (image=…, name=…)`. */
export function eventLine(event: StackEventOf<"engine-event">): string {
  const attributes = Object.entries(event.attributes).map(([key, value]) => `${key}=${value}`);
  return `${localTime(event.time)} ${event.objectType} ${event.action} ${event.name || event.id} (${attributes.join(", ")})`;
}

/** Runs `tsd events`. */
export async function runEvents(services: readonly string[], flags: EventsFlags): Promise<void> {
  // Taken before loading: events from the moment the user asked are shown, however long loading takes.
  const since = Date.now() / 1000;
  const print = (event: StackEventOf<"engine-event">): void => {
    const { time, objectType: type, action, id, service, attributes } = event;
    process.stdout.write(`${flags.json ? JSON.stringify({ time, type, action, id, service, attributes }) : eventLine(event)}\n`);
  };
  const session = await openSession(flags, services, { onEvent: (event) => event.type === "engine-event" && print(event) });
  const verbs = await containerVerbs(session, "events");
  process.stderr.write(`following the events of project ${session.project.stack.name}; Ctrl-C to stop\n`);
  await untilInterrupted((signal) => verbs.followEvents(session.project, services, since, signal));
}
