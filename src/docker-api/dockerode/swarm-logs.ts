/**
 * A service's output (`GET /services/{id}/logs?details=true`) as chunks
 * with their task and node. With `details`, every line starts with the
 * Swarm attributes (`com.docker.swarm.node.id=…,com.docker.swarm.task.id=…`)
 * and a space; the rest is the task's own line.
 */
import type Docker from "dockerode";
import type { ServiceLogChunk } from "../swarm-types.js";
import type { LogChunk } from "../types.js";
import { readLogStream } from "./logs.js";

/** One line of detailed service output, split into its attributes and its text. */
export function parseDetailedLine(stream: LogChunk["stream"], line: string): ServiceLogChunk {
  const space = line.indexOf(" ");
  const head = space < 0 ? line : line.slice(0, space);
  const attributes = new Map<string, string>();
  for (const pair of head.split(",")) {
    const equals = pair.indexOf("=");
    if (equals > 0) attributes.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  if (!attributes.has("com.docker.swarm.task.id")) return { stream, taskId: "", nodeId: "", text: line };
  return {
    stream,
    taskId: attributes.get("com.docker.swarm.task.id") ?? "",
    nodeId: attributes.get("com.docker.swarm.node.id") ?? "",
    text: space < 0 ? "" : line.slice(space + 1),
  };
}

/** Iterates the response's lines (the engine may split or join them across frames) until it ends or the signal aborts. */
export async function* readServiceLogStream(
  modem: Docker["modem"],
  response: NodeJS.ReadableStream & { destroy(): void },
  signal: AbortSignal | undefined,
  failure: (error: unknown) => Error,
): AsyncGenerator<ServiceLogChunk> {
  const pending: Record<LogChunk["stream"], string> = { stdout: "", stderr: "" };
  for await (const chunk of readLogStream(modem, response, false, signal, failure)) {
    const lines = (pending[chunk.stream] + chunk.text).split("\n");
    pending[chunk.stream] = lines.pop() ?? "";
    for (const line of lines) yield parseDetailedLine(chunk.stream, line);
  }
  for (const stream of ["stdout", "stderr"] as const) if (pending[stream] !== "") yield parseDetailedLine(stream, pending[stream]);
}
