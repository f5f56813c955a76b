/**
 * Progress as plain lines, for logs, CI and pipes, and `--progress plain`
 * on a terminal: each step once, when it ended, with its result, in the
 * plan's words (`✔ create container demo-web-1  (not found)`). A warning
 * (an optional dependency that did not come up) is that step's result.
 */
import type { StackEventOf } from "../../events/stack-event.js";
import { stepPhrase } from "../../plan/format.js";

/** Writes one line per step that ended: done, done with a warning, failed, or skipped. */
export function plainProgress(stream: NodeJS.WritableStream): (event: StackEventOf<"step">) => void {
  const warnings = new Map<string, string>();
  return (event) => {
    const what = stepPhrase(event.step);
    switch (event.phase) {
      case "started":
        return;
      case "warning":
        warnings.set(event.step.id, event.message);
        return;
      case "done": {
        const warning = warnings.get(event.step.id);
        warnings.delete(event.step.id);
        stream.write(warning === undefined ? `✔ ${what}  (${event.step.cause})\n` : `! ${what}: ${warning}\n`);
        return;
      }
      case "failed":
        stream.write(`✖ ${what}: ${event.error}\n`);
        return;
      case "skipped":
        stream.write(`- ${what}: not started, ${stepIdText(event.because)} failed\n`);
        return;
    }
  };
}

/** A step id (`create-container:demo-web-1`) in words: `create container demo-web-1`. */
function stepIdText(id: string): string {
  const colon = id.indexOf(":");
  return colon < 0 ? id : `${id.slice(0, colon).replaceAll("-", " ")} ${id.slice(colon + 1)}`;
}
