/**
 * What the image verbs (build, pull, push) report while they work, one event
 * per line of progress or per service settled; the CLI decides how to show
 * them. And the wording that ties an engine failure to its service.
 */
import { EngineError, TsdError } from "../../../base/errors.js";

/** One thing an image verb tells its caller. */
export type ImageVerbEvent =
  /** A line of the builder's output, or of a pull's / push's layer progress. */
  | { readonly type: "progress"; readonly service: string; readonly text: string }
  /** The service needs nothing from this verb; `reason` says why. `named`: the user asked for it by name. */
  | { readonly type: "skipped"; readonly service: string; readonly reason: string; readonly named: boolean }
  /** A failure the verb was told to go on after (`--ignore-pull-failures`). */
  | { readonly type: "warning"; readonly service: string; readonly message: string }
  /** The image `reference` is built, pulled or pushed. */
  | { readonly type: "done"; readonly service: string; readonly reference: string };

/** Receives events; the verbs never print. */
export type ImageVerbListener = (event: ImageVerbEvent) => void;

/** `error`, its message prefixed with the service it concerns (kind and hint kept); other errors pass through. */
export function forService(service: string, error: unknown): unknown {
  if (!(error instanceof TsdError) || error.kind === "internal") return error;
  return error.kind === "usage" || error.kind === "config" ? error : new EngineError(`service ${service}: ${error.message}`, error.hint);
}
