/**
 * Progress as plain lines, one per step that finished, failed or warned (and
 * one when a long step starts): for logs, CI and pipes, and `--progress
 * plain` on a terminal.
 */
import type { StackEventOf } from "../../events/stack-event.js";

/** Steps worth a line when they start: they may take a while. */
const LONG_STEPS: ReadonlySet<string> = new Set(["wait", "build", "pull"]);

/** Writes one line per finished, failed or warned step. */
export function plainProgress(stream: NodeJS.WritableStream): (event: StackEventOf<"step">) => void {
  return (event) => {
    const what = `${event.step.operation} ${event.step.target}`;
    switch (event.phase) {
      case "started":
        if (LONG_STEPS.has(event.step.action)) stream.write(`… ${what}\n`);
        return;
      case "done":
        stream.write(`✔ ${what} (${event.step.cause})\n`);
        return;
      case "failed":
        stream.write(`✖ ${what}: ${event.error}\n`);
        return;
      case "warning":
        stream.write(`! ${what}: ${event.message}\n`);
        return;
      case "skipped":
        stream.write(`- ${what}: not started, ${event.because} failed\n`);
        return;
    }
  };
}
