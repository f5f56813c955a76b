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
  /** When each container last died (Unix seconds, fractional): its next run's output starts after that. */
  const deaths = new Map<string, number>();
  void followLogs(session, { services: [], follow: true, tail: INITIAL_TAIL, timestamps: false, signal }).catch(onTrouble);
  const onEngineEvent = (event: StackEventOf<"engine-event">) => {
    const at = Date.parse(event.time) / 1000;
    if (event.action === "die" && Number.isFinite(at)) deaths.set(event.id, at);
    // Starts replayed from before the dashboard came up are followed by the first read already.
    if (event.action !== "start" || signal.aborted || Date.parse(event.time) < startedAt) return;
    // After the previous run's death, so none of its lines come twice and none of the new run's is missed
    // (the engine takes fractional seconds); a container never seen dying: from a second before its start.
    const since = deaths.get(event.id) ?? (Number.isFinite(at) ? at - 1 : undefined);
    void followLogs(session, { services: [], follow: true, timestamps: false, replicaIds: [event.id], since, signal }).catch(onTrouble);
  };
  const unsubscribe = session.events.subscribe((event) => {
    if (event.type === "engine-event") onEngineEvent(event);
  });
  signal.addEventListener("abort", unsubscribe, { once: true });
  void followEvents(session, signal, onTrouble);
}

async function followLogs(session: StackSession, request: Parameters<StackSession["logs"]>[0]): Promise<void> {
  const cleaned = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as typeof request;
  const follow = await session.logs(cleaned);
  await follow.done;
}

/**
 * The engine's events of the project from now on; a dropped stream is picked
 * up again from where it dropped. A swarm manager reports no container
 * events of its tasks: there the dashboard reads the tasks instead.
 */
async function followEvents(session: StackSession, signal: AbortSignal, onTrouble: (error: unknown) => void): Promise<void> {
  if ((await session.target()).name !== "docker") return;
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
