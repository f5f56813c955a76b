/**
 * What the dashboard follows on the engine, once for every tab: the
 * project's container events (the timeline, and the cue to read the
 * services table again) and the services' output (the log pane). Both go on
 * the session's bus as StackEvents. A container's log stream ends when it
 * stops, so each (re)start it sees starts following that container again.
 */
import { containerVerbs } from "../../app/containers.js";
import type { StackSession } from "../../app/session.js";
import type { StackEventOf } from "../../events/stack-event.js";

/** Lines of each container's output shown when the dashboard starts. */
const INITIAL_TAIL = 200;
/** How far back the timeline starts: what just restarted is what a person opens the dashboard for. */
const HISTORY_SECONDS = 600;
/** How long to wait before retrying a stream the engine closed unexpectedly. */
const RETRY_MS = 1_000;

/** Follows the project's container events and logs until the signal aborts. */
export function followEngine(session: StackSession, signal: AbortSignal, onTrouble: (error: unknown) => void): void {
  const startedAt = Date.now();
  void followLogs(session, { services: [], follow: true, tail: INITIAL_TAIL, timestamps: false, signal }).catch(onTrouble);
  const started = (event: StackEventOf<"engine-event">) => {
    // Starts replayed from before the dashboard came up are followed by the first read already.
    if (event.action !== "start" || signal.aborted || Date.parse(event.time) < startedAt) return;
    // From the second the engine reported the start: the new run's first lines included.
    const since = Math.floor(Date.parse(event.time) / 1000);
    void followLogs(session, { services: [], follow: true, timestamps: false, replicaIds: [event.id], since: Number.isFinite(since) ? since : undefined, signal }).catch(onTrouble);
  };
  const unsubscribe = session.events.subscribe((event) => {
    if (event.type === "engine-event") started(event);
  });
  signal.addEventListener("abort", unsubscribe, { once: true });
  void followEvents(session, signal, onTrouble);
}

async function followLogs(session: StackSession, request: Parameters<StackSession["logs"]>[0]): Promise<void> {
  const cleaned = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as typeof request;
  const follow = await session.logs(cleaned);
  await follow.done;
}

/** The engine's events of the project from now on; a dropped stream is picked up again from where it dropped. */
async function followEvents(session: StackSession, signal: AbortSignal, onTrouble: (error: unknown) => void): Promise<void> {
  let since = Date.now() / 1000 - HISTORY_SECONDS;
  while (!signal.aborted) {
    try {
      const verbs = await containerVerbs(session, "ui");
      await verbs.followEvents(session.project, [], since, signal);
    } catch (error) {
      if (signal.aborted) return;
      onTrouble(error);
    }
    since = Date.now() / 1000 - 1;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
  }
}
