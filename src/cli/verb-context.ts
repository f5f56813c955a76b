/**
 * The context every engine command runs with: the stack selection flags,
 * the Docker connector, and warnings on stderr (stdout stays machine-readable).
 */
import type { VerbContext } from "../app/orchestrator.js";
import { dockerConnector } from "./connect.js";
import { type StackOptions, stackSelection } from "./stack-options.js";

/** Warnings go to stderr, prefixed, one per line. */
export function warnOnStderr(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/** Builds the orchestrator's context from a command's stack flags. */
export async function verbContext(flags: StackOptions): Promise<VerbContext> {
  return { ...stackSelection(flags), connect: await dockerConnector(warnOnStderr), onWarning: warnOnStderr };
}
