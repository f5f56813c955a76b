/**
 * Progress as plain lines, one per event: for logs, CI and pipes (and
 * `--progress plain` on a terminal).
 */
import type { ExecutionEvent } from "../../plan/walk.js";
import { operationTarget } from "../../plan/plan.js";

/** Writes one line per finished, failed or warned operation. */
export function plainProgress(stream: NodeJS.WritableStream): (event: ExecutionEvent) => void {
  return (event) => {
    const what = `${event.node.operation.kind} ${operationTarget(event.node.operation)}`;
    switch (event.type) {
      case "started":
        if (event.node.operation.kind === "await-condition" || event.node.operation.kind === "build-image" || event.node.operation.kind === "pull-image") {
          stream.write(`… ${what}\n`);
        }
        return;
      case "done":
        stream.write(`✔ ${what} (${event.node.cause})\n`);
        return;
      case "failed":
        stream.write(`✖ ${what}: ${event.error.message}\n`);
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

/** One JSON object per line, for machines (`--progress json`). */
export function jsonProgress(stream: NodeJS.WritableStream): (event: ExecutionEvent) => void {
  return (event) => {
    stream.write(
      `${JSON.stringify({
        event: event.type,
        id: event.node.id,
        operation: event.node.operation.kind,
        target: operationTarget(event.node.operation),
        subject: event.node.subject,
        cause: event.node.cause,
        ...(event.type === "failed" ? { error: event.error.message } : {}),
        ...(event.type === "warning" ? { message: event.message } : {}),
        ...(event.type === "skipped" ? { because: event.because } : {}),
      })}\n`,
    );
  };
}
