/**
 * Maps errors to what the user sees and to exit codes: 1 for problems in
 * their input, 2 for bugs in tsd. A configuration problem names its file
 * relative to the working directory (when the file is under it) and, on a
 * terminal, shows the line with a caret under the column.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { type ConfigIssue, TsdError, formatIssue } from "../base/errors.js";
import { codeFrame } from "./render/code-frame.js";

/** Where and how errors are shown. */
export interface ReportOptions {
  /** Paths under it print relative to it. */
  readonly cwd: string;
  /** Show code frames (the stream is a terminal). */
  readonly frames: boolean;
}

/** Prints `error` for a human and returns the exit code. */
export function reportError(error: unknown, stream: NodeJS.WritableStream, options?: ReportOptions): number {
  const shown = options ?? { cwd: process.cwd(), frames: (stream as NodeJS.WriteStream).isTTY === true };
  if (error instanceof TsdError && error.kind !== "internal") {
    const issues = "issues" in error ? (error.issues as readonly ConfigIssue[]) : undefined;
    const lines = issues && issues.length > 0 ? issues.flatMap((issue) => issueLines(issue, shown)) : error.message.split("\n");
    const count = issues?.length ?? lines.length;
    const heading = error.kind === "config" && count > 1 ? `tsd: ${count} problems found:\n` : "tsd: ";
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

/** One issue: its `file:line:col` line (file relative to cwd when under it), then its code frame on a terminal. */
function issueLines(issue: ConfigIssue, options: ReportOptions): string[] {
  if (!issue.location) return [formatIssue(issue)];
  const file = displayPath(issue.location.file, options.cwd);
  const lines = [formatIssue({ ...issue, location: { ...issue.location, file } })];
  if (options.frames) {
    const frame = readFrame(issue.location.file, issue.location.line, issue.location.column);
    if (frame) lines.push(frame);
  }
  return lines;
}

/** `stack.yml` for `/home/me/shop/stack.yml` run in `/home/me/shop`; paths outside cwd stay absolute. */
export function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const relativePath = relative(cwd, file);
  return relativePath === "" || relativePath.startsWith("..") || isAbsolute(relativePath) ? file : relativePath;
}

function readFrame(file: string, line: number, column: number): string | undefined {
  try {
    return codeFrame(readFileSync(file, "utf8"), line, column);
  } catch {
    // The file went away or is not a file (a location inside a remote resource): the position is still printed.
    return undefined;
  }
}
