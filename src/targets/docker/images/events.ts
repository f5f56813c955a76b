/**
 * What the image verbs (build, pull, push) report while they work, one
 * report per line of progress or per service settled (events/stack-event.ts,
 * `ImageReport`); the CLI decides how to show them. And the wording that
 * ties an engine failure to its service.
 */
import { EngineError, TsdError } from "../../../base/errors.js";
import type { ImageReport } from "../../../events/stack-event.js";

/** Receives what an image verb reports; the verbs never print. */
export type ImageVerbListener = (report: ImageReport) => void;

/** `error`, its message prefixed with the service it concerns (kind and hint kept); other errors pass through. */
export function forService(service: string, error: unknown): unknown {
  if (!(error instanceof TsdError) || error.kind === "internal") return error;
  return error.kind === "usage" || error.kind === "config" ? error : new EngineError(`service ${service}: ${error.message}`, error.hint);
}
