/**
 * The engine's long-lived JSON streams (`/events`, `/containers/{id}/stats`)
 * send one JSON document per line. This reads such a response line by line,
 * whole lines only (a chunk may end mid-document), until it ends or the
 * signal aborts; aborting ends the iteration without an error.
 */
import { StringDecoder } from "node:string_decoder";

/** Yields each non-empty line of `response` as text (parse it with the caller's own needs). */
export async function* readJsonLines(
  response: NodeJS.ReadableStream & { destroy(): void },
  signal: AbortSignal,
  failure: (error: unknown) => Error,
): AsyncGenerator<string> {
  const stop = (): void => response.destroy();
  signal.addEventListener("abort", stop, { once: true });
  if (signal.aborted) stop();
  const decoder = new StringDecoder("utf8");
  let pending = "";
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim() !== "") yield line;
    }
    const last = pending + decoder.end();
    if (last.trim() !== "") yield last;
  } catch (error) {
    // Destroying the response on abort makes the iterator throw; that is the caller leaving, not a failure.
    if (!signal.aborted) throw failure(error);
  } finally {
    signal.removeEventListener("abort", stop);
    response.destroy();
  }
}
