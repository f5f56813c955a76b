/**
 * Pull and build answer with a stream of JSON lines; a failure arrives as a
 * line with `errorDetail` in a response whose HTTP status is already 200.
 * This reads such a stream to its end, reports each line as text, and turns
 * the first error line into an EngineError. (docker-modem's followProgress
 * would throw an uncatchable exception on a malformed line and ignores the
 * error lines, hence a reader of our own.)
 */
import { StringDecoder } from "node:string_decoder";
import { EngineError } from "../../base/errors.js";
import type { ProgressLine } from "../types.js";

/** The fields of a pull or build progress line that tsd reads. */
export interface ProgressMessage {
  readonly stream?: string;
  readonly status?: string;
  readonly progress?: string;
  readonly id?: string;
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string };
}

/** Human text of one line (`layer: Downloading [==>  ]`, or a build step's output). */
export function progressText(message: ProgressMessage): string | undefined {
  if (message.stream !== undefined) {
    const text = message.stream.replace(/\n+$/, "");
    return text === "" ? undefined : text;
  }
  if (message.status === undefined) return undefined;
  const prefix = message.id ? `${message.id}: ` : "";
  const suffix = message.progress ? ` ${message.progress}` : "";
  return `${prefix}${message.status}${suffix}`;
}

/**
 * Reads `stream` to its end. `describeFailure` turns the engine's error text
 * into the message thrown, given every line seen so far (a build names its
 * failing step from them).
 */
export async function followProgress(
  stream: NodeJS.ReadableStream,
  onProgress: ((line: ProgressLine) => void) | undefined,
  describeFailure: (engineMessage: string, seen: readonly ProgressMessage[]) => string,
): Promise<void> {
  const decoder = new StringDecoder("utf8");
  const seen: ProgressMessage[] = [];
  let pending = "";
  let failure: string | undefined;

  const handleLine = (line: string): void => {
    if (line.trim() === "" || failure !== undefined) return;
    let message: ProgressMessage;
    try {
      message = JSON.parse(line) as ProgressMessage;
    } catch {
      message = { stream: line };
    }
    const error = message.errorDetail?.message ?? message.error;
    if (error !== undefined) {
      failure = describeFailure(error.trim(), seen);
      return;
    }
    seen.push(message);
    const text = progressText(message);
    if (text !== undefined) onProgress?.({ text });
  };

  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    pending += typeof chunk === "string" ? chunk : decoder.write(chunk);
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? "";
    lines.forEach(handleLine);
  }
  handleLine(pending + decoder.end());
  if (failure !== undefined) throw new EngineError(failure);
}
