/** Reading a container's output in the engine's integration tests. */
import type { Engine, LogOptions } from "../../../src/docker-api/engine.js";

/** Everything a container wrote so far, by stream. */
export interface CollectedOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** The whole (non-follow) output of a container. */
export async function collectLogs(engine: Engine, containerId: string, options: Partial<LogOptions> = {}): Promise<CollectedOutput> {
  let stdout = "";
  let stderr = "";
  for await (const chunk of engine.logs(containerId, { follow: false, timestamps: false, ...options })) {
    if (chunk.stream === "stdout") stdout += chunk.text;
    else stderr += chunk.text;
  }
  return { stdout, stderr };
}
