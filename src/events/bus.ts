/**
 * The session's event bus: every use case publishes into one, and each
 * client subscribes (the CLI's renderer; later the dashboard's stream, one
 * subscription for all its browser tabs). Garden's model: one stream, many
 * readers. Each event gets a sequence number in publishing order, and the
 * last events are kept, so a reader that reconnects resumes from the number
 * it saw last instead of losing what happened meanwhile.
 */
import type { EventSink, StackEvent } from "./stack-event.js";

/** An event with its place in the bus's order. */
export interface SequencedEvent {
  /** 1, 2, 3, … in publishing order. */
  readonly sequence: number;
  readonly event: StackEvent;
}

/** A subscriber; it must not throw (a renderer's failure is not the use case's). */
export type EventListener = (event: StackEvent, sequence: number) => void;

/** How many events a bus keeps for readers that resume. */
const DEFAULT_RETAINED = 2000;

/** Fan-out of events to every subscriber, with a bounded replay buffer. */
export class EventBus {
  readonly #listeners = new Set<EventListener>();
  readonly #retained: SequencedEvent[] = [];
  #sequence = 0;

  constructor(private readonly retain: number = DEFAULT_RETAINED) {}

  /** Publishes to every subscriber, in subscription order. */
  readonly publish: EventSink = (event) => {
    this.#sequence += 1;
    this.#retained.push({ sequence: this.#sequence, event });
    if (this.#retained.length > this.retain) this.#retained.shift();
    for (const listener of [...this.#listeners]) listener(event, this.#sequence);
  };

  /** Calls `listener` for every event from now on; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The retained events after `sequence` (all retained ones for 0), oldest first. */
  since(sequence: number): readonly SequencedEvent[] {
    return this.#retained.filter((entry) => entry.sequence > sequence);
  }

  /** The number of the last event published (0 before the first). */
  get lastSequence(): number {
    return this.#sequence;
  }
}
