/**
 * Maps errors to what the user sees and to exit codes: 1 for problems in
 * their input, 2 for bugs in tsd.
 */
import { TsdError } from "../base/errors.js";

/** Prints `error` for a human and returns the exit code. */
export function reportError(error: unknown, stream: NodeJS.WritableStream): number {
  if (error instanceof TsdError && error.kind !== "internal") {
    const lines = error.message.split("\n");
    const heading =
      error.kind === "config" && lines.length > 1 ? `tsd: ${lines.length} problems found:\n` : "tsd: ";
    stream.write(`${heading}${lines.join("\n")}\n`);
    if (error.hint) stream.write(`hint: ${error.hint}\n`);
    return 1;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stream.write(
    `tsd: internal error (this is a bug in tsd, please report it with the output below)\n${detail}\n`,
  );
  return 2;
}
