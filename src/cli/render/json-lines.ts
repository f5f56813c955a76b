/**
 * `--progress json`: every event of the run, as it is, one JSON object per
 * line on stdout, for CI and other tools (docs/events.md is the schema).
 */
import type { StackEvent } from "../../events/stack-event.js";

/** Writes each event as one line of JSON. */
export function jsonLines(stream: NodeJS.WritableStream): (event: StackEvent) => void {
  return (event) => {
    stream.write(`${JSON.stringify(event)}\n`);
  };
}
