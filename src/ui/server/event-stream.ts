/**
 * The dashboard's one server-sent-events stream, shared by every browser
 * tab: one subscription to the session's event bus fans out to every open
 * connection. Each StackEvent goes out with its bus sequence number as the
 * SSE `id`, so a browser that reconnects sends `Last-Event-ID` and gets what
 * it missed from the bus's replay buffer. Snapshots (the services table, the
 * project after a reload) go out without an id: they replace state rather
 * than add to it, and a reconnecting tab gets the current ones anyway.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventBus } from "../../events/bus.js";
import type { StackEvent } from "../../events/stack-event.js";

/** How often an idle connection gets a comment line, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;

/** A snapshot message: its SSE event name and its data. */
export interface Snapshot {
  readonly name: string;
  readonly data: unknown;
}

/** The sequence number a reconnecting browser saw last (its `Last-Event-ID`, or `?since=` for the first connection of a page). */
export function resumeFrom(request: IncomingMessage, url: URL): number {
  const header = request.headers["last-event-id"];
  const text = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("since") ?? "";
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) && value >= 0 ? value : -1;
}

/** One SSE frame. */
function frame(name: string, data: unknown, id?: number): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The stream and its connections. */
export class EventStream {
  readonly #clients = new Set<ServerResponse>();
  readonly #unsubscribe: () => void;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(
    private readonly bus: EventBus,
    /** The snapshots a new connection starts with. */
    private readonly current: () => readonly Snapshot[],
  ) {
    this.#unsubscribe = bus.subscribe((event, sequence) => this.#send(frame("stack", event, sequence)));
    this.#heartbeat = setInterval(() => this.#send(": keep-alive\n\n"), HEARTBEAT_MS).unref();
  }

  /** Serves one connection: the missed events (from `from`; -1: none), the current snapshots, then everything live. */
  attach(request: IncomingMessage, response: ServerResponse, from: number, headers: Record<string, string>): void {
    response.writeHead(200, { ...headers, "content-type": "text/event-stream; charset=utf-8", connection: "keep-alive", "x-accel-buffering": "no" });
    response.write("retry: 1000\n\n");
    if (from >= 0) {
      const missed = this.bus.since(from);
      const first = missed[0]?.sequence ?? this.bus.lastSequence + 1;
      // Older than the replay buffer holds: the page must refetch rather than believe it saw everything.
      if (first > from + 1) response.write(frame("gap", { from, first }));
      for (const entry of missed) response.write(frame("stack", entry.event, entry.sequence));
    }
    for (const snapshot of this.current()) response.write(frame(snapshot.name, snapshot.data));
    this.#clients.add(response);
    const drop = () => this.#clients.delete(response);
    request.on("close", drop);
    response.on("error", drop);
  }

  /** Sends a snapshot to every connection. */
  broadcast(snapshot: Snapshot): void {
    this.#send(frame(snapshot.name, snapshot.data));
  }

  /** How many browsers are connected. */
  get connections(): number {
    return this.#clients.size;
  }

  /** Ends every connection and the subscription. */
  close(): void {
    this.#unsubscribe();
    clearInterval(this.#heartbeat);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  #send(text: string): void {
    for (const client of this.#clients) client.write(text);
  }
}

export type { StackEvent };
