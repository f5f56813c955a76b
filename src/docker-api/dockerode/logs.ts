/**
 * A container's output as an async iterable of chunks. Without a TTY the
 * engine multiplexes stdout and stderr into one stream with an 8-byte header
 * per frame; docker-modem's demuxStream splits it. With a TTY there is one
 * raw stream, reported as stdout.
 *
 * Aborting the signal (or leaving the `for await` early) destroys the HTTP
 * response and ends the iteration without an error: a caller that stops
 * reading did not fail.
 */
import { PassThrough, Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type Docker from "dockerode";
import type { LogChunk } from "../types.js";

/** Writes every frame of one stream into `out` as a LogChunk, decoding UTF-8 across frame boundaries. */
function chunkWriter(out: PassThrough, stream: LogChunk["stream"]): Writable {
  const decoder = new StringDecoder("utf8");
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = decoder.write(chunk);
      if (text !== "" && !out.writableEnded) out.write({ stream, text } satisfies LogChunk);
      callback();
    },
  });
}

/**
 * Iterates the chunks of an open logs response (`response`) until it ends,
 * the signal aborts, or the consumer stops. `failure` maps a stream error
 * that happened without an abort.
 */
export async function* readLogStream(
  modem: Docker["modem"],
  response: NodeJS.ReadableStream & { destroy(): void },
  tty: boolean,
  signal: AbortSignal | undefined,
  failure: (error: unknown) => Error,
): AsyncGenerator<LogChunk> {
  const out = new PassThrough({ objectMode: true });
  let streamError: unknown;
  if (tty) response.pipe(chunkWriter(out, "stdout"));
  else modem.demuxStream(response, chunkWriter(out, "stdout"), chunkWriter(out, "stderr"));
  response.on("end", () => out.end());
  response.on("close", () => out.end());
  response.on("error", (error: unknown) => {
    if (!signal?.aborted) streamError = error;
    out.end();
  });
  const stop = (): void => {
    response.destroy();
    out.end();
  };
  signal?.addEventListener("abort", stop, { once: true });
  if (signal?.aborted) stop();
  try {
    for await (const chunk of out) yield chunk as LogChunk;
    if (streamError !== undefined) throw failure(streamError);
  } finally {
    signal?.removeEventListener("abort", stop);
    response.destroy();
  }
}
