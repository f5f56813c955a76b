/**
 * The page's state and the one connection that feeds it: the JSON snapshots
 * fetched once, then the event stream (EventSource reconnects by itself and
 * sends Last-Event-ID, so the server replays what the page missed). A
 * `project` snapshot with a new revision refetches the project view.
 */
import { swarmTimeline, type TimelineEntry, timelineEntry } from "./event-text.js";
import type { ProjectSnapshot, ProjectView, ReplicaOverview, SessionInfo, StackEvent, SwarmOverview } from "./types.js";

/** One line of output. */
export interface LogLine {
  readonly sequence: number;
  readonly service: string;
  readonly container: string;
  readonly stream: "stdout" | "stderr";
  readonly text: string;
  readonly at: number;
}

/** Everything the panes render. */
export interface PageState {
  readonly session?: SessionInfo;
  readonly view?: ProjectView;
  readonly problem: ProjectSnapshot["problem"];
  readonly services: readonly ReplicaOverview[];
  /** `--target swarm`: nodes, tasks, rollouts. */
  readonly swarm?: SwarmOverview;
  readonly logs: readonly LogLine[];
  readonly timeline: readonly TimelineEntry[];
  readonly connected: boolean;
  /** The last event sequence number seen. */
  readonly lastSequence: number;
  /** A failed request, shown until the next good one. */
  readonly error?: string;
}

/** How much the page keeps. */
const MAX_LOG_LINES = 5_000;
const MAX_TIMELINE = 500;

/** A tiny observable store. */
export class Store {
  #state: PageState = { problem: null, services: [], logs: [], timeline: [], connected: false, lastSequence: 0 };
  readonly #listeners = new Set<() => void>();
  #revision = 0;

  get state(): PageState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  update(change: Partial<PageState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of this.#listeners) listener();
  }

  /** Fetches the snapshots, then follows the stream. */
  async start(): Promise<void> {
    const [session, view] = await Promise.all([getJson<SessionInfo>("/api/session"), getJson<ProjectView>("/api/project")]);
    this.#revision = view.revision;
    this.update({ session, view, problem: view.problem ?? null });
    this.#connect();
  }

  #connect(): void {
    const source = new EventSource("/api/events?since=0");
    source.addEventListener("open", () => this.update({ connected: true }));
    source.addEventListener("error", () => this.update({ connected: false }));
    source.addEventListener("stack", (message) => this.#onEvent(JSON.parse(message.data) as StackEvent, Number(message.lastEventId)));
    source.addEventListener("services", (message) => this.update({ services: JSON.parse(message.data) as ReplicaOverview[] }));
    source.addEventListener("swarm", (message) => this.#onSwarm(JSON.parse(message.data) as SwarmOverview));
    source.addEventListener("project", (message) => void this.#onProject(JSON.parse(message.data) as ProjectSnapshot));
    source.addEventListener("gap", () => this.update({ error: "some events were missed while disconnected" }));
  }

  #onEvent(event: StackEvent, sequence: number): void {
    // A replay after a reconnect never repeats what the page already holds.
    if (sequence <= this.#state.lastSequence) return;
    const change: { -readonly [K in keyof PageState]?: PageState[K] } = { lastSequence: sequence };
    if (event.type === "log") {
      const line: LogLine = { sequence, service: event.service, container: event.container, stream: event.stream, text: event.text, at: event.at };
      change.logs = [...this.#state.logs, line].slice(-MAX_LOG_LINES);
    }
    if (event.type === "engine-event") {
      const services = patchReplica(this.#state.services, event);
      if (services !== this.#state.services) change.services = services;
    }
    const entry = timelineEntry(event);
    if (entry) change.timeline = [...this.#state.timeline, entry].slice(-MAX_TIMELINE);
    this.update(change);
  }

  /** A new look at the swarm: its task changes go on the timeline (the manager sends no events of its own). */
  #onSwarm(swarm: SwarmOverview): void {
    const entries = swarmTimeline(this.#state.swarm, swarm, Date.now());
    this.update({ swarm, ...(entries.length > 0 ? { timeline: [...this.#state.timeline, ...entries].slice(-MAX_TIMELINE) } : {}) });
  }

  async #onProject(snapshot: ProjectSnapshot): Promise<void> {
    this.update({ problem: snapshot.problem });
    if (snapshot.revision === this.#revision) return;
    this.#revision = snapshot.revision;
    try {
      this.update({ view: await getJson<ProjectView>("/api/project"), error: undefined });
    } catch (error) {
      this.update({ error: String(error) });
    }
  }

  /** Asks the server for an action; its progress comes back on the stream. */
  async act(action: string, service?: string): Promise<void> {
    const csrf = this.#state.session?.csrf ?? "";
    const response = await fetch("/api/actions", { method: "POST", headers: { "content-type": "application/json", "x-tsd-csrf": csrf }, body: JSON.stringify({ action, ...(service ? { service } : {}) }) });
    if (!response.ok) this.update({ error: `${action}${service ? ` ${service}` : ""}: ${(await response.text()).trim()}` });
  }
}

/**
 * A container event changes its row at once (the server's next read of the
 * table follows within a moment and has the last word): a death shows
 * even when the engine restarts the container right after it.
 */
export function patchReplica(services: readonly ReplicaOverview[], event: Extract<StackEvent, { type: "engine-event" }>): readonly ReplicaOverview[] {
  const index = services.findIndex((replica) => replica.id === event.id);
  const replica = services[index];
  if (replica === undefined) return services;
  let patched: ReplicaOverview | undefined;
  if (event.action === "die") {
    const exitCode = Number(event.attributes.exitCode ?? "0");
    patched = { ...replica, state: "exited", status: `exited(${exitCode})`, exitCode };
  } else if (event.action === "start") {
    const state = replica.health === "" ? "running" : "starting";
    patched = { ...replica, state, status: state };
  } else if (event.action.startsWith("health_status")) {
    const health = event.action.split(":")[1]?.trim() ?? "";
    if (health === "healthy" || health === "unhealthy") patched = { ...replica, state: health, status: health, health };
  }
  if (patched === undefined) return services;
  return services.map((entry, position) => (position === index ? (patched as ReplicaOverview) : entry));
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${(await response.text()).trim()}`);
  return (await response.json()) as T;
}
