/**
 * How build, pull and push show their events: everything on stderr (stdout
 * stays empty, as Compose keeps it), each line prefixed with its service.
 * A pull or push repeats a layer's line for every tick of its progress bar;
 * on stderr, a log or a pipe, only a layer's changes of status are kept.
 */
import type { ImageReport } from "../../events/stack-event.js";

/** How one verb's events are shown. */
export interface ImageEventDisplay {
  /** `-q`: no progress and no success lines; notes on named services, warnings and errors only. */
  readonly quiet: boolean;
  /** Past tense for the success line: `built`, `pulled`, `pushed`. */
  readonly done: string;
  /** Also note services skipped without being named (a pull's "nothing to pull"); a build stays silent about them, as Compose does. */
  readonly unnamedSkips: boolean;
}

/** A layer's progress bar and byte counts: `[=====>     ]  1.05MB/2.71MB`. */
const PROGRESS_BAR = /\s*\[[=> ]*\]\s+\S+(\/\S+)?\s*$/;

/** Writes `events` to `stream` as lines. */
export function imageEventPrinter(stream: NodeJS.WritableStream, display: ImageEventDisplay): (event: ImageReport) => void {
  let lastBarLine = "";
  return (event: ImageReport) => {
    switch (event.phase) {
      case "progress": {
        if (display.quiet) return;
        const withoutBar = event.text.replace(PROGRESS_BAR, "");
        if (withoutBar !== event.text) {
          const line = `${event.service} ${withoutBar}`;
          if (line === lastBarLine) return;
          lastBarLine = line;
        }
        stream.write(`[${event.service}] ${withoutBar}\n`);
        return;
      }
      case "skipped":
        if (event.named || (display.unnamedSkips && !display.quiet)) stream.write(`- ${event.service}: skipped, ${event.reason}\n`);
        return;
      case "warning":
        stream.write(`warning: ${event.message}\n`);
        return;
      case "done":
        if (!display.quiet) stream.write(`✔ ${event.service}: ${display.done} ${event.reference}\n`);
        return;
    }
  };
}
