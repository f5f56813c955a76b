/**
 * The output of several containers at once, as whole lines tagged with their
 * container and stream: what `tsd logs` and attached `tsd up` print.
 */
import type { Engine, LogOptions } from "../../../docker-api/engine.js";
import type { LogChunk, ObservedContainer } from "../../../docker-api/types.js";
import { LineSplitter } from "./log-lines.js";

/** One line of one container's output. */
export interface LogLine {
  readonly container: ObservedContainer;
  readonly stream: LogChunk["stream"];
  /** Without its line end. */
  readonly text: string;
}

/**
 * Reads every container's logs concurrently and hands each complete line to
 * `onLine` as it arrives. Resolves when every stream has ended: at once
 * without `follow`; with it, when each container has stopped or the signal
 * aborted.
 */
export async function readLogLines(engine: Engine, containers: readonly ObservedContainer[], options: LogOptions, onLine: (line: LogLine) => void): Promise<void> {
  await Promise.all(
    containers.map(async (container) => {
      const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
      const emit = (stream: LogChunk["stream"], lines: readonly string[]) => {
        for (const text of lines) onLine({ container, stream, text });
      };
      for await (const chunk of engine.logs(container.id, options)) emit(chunk.stream, splitters[chunk.stream].push(chunk.text));
      emit("stdout", splitters.stdout.flush());
      emit("stderr", splitters.stderr.flush());
    }),
  );
}
