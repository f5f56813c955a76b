/**
 * Pull and build: the two long-running image calls. Both stream progress and
 * report failure inside the stream, so both end in followProgress.
 */
import type Docker from "dockerode";
import { EngineError } from "../../errors.js";
import type { BuildSpec, ProgressLine } from "../types.js";
import { packBuildContext } from "./build-context.js";
import type { EngineClient } from "./client.js";
import { followProgress, type ProgressMessage } from "./progress.js";

/** Pulls `reference` to completion; an error in the stream (or before it) is an EngineError. */
export async function pullImage(
  client: EngineClient,
  reference: string,
  onProgress?: (line: ProgressLine) => void,
): Promise<void> {
  const action = `pull image "${reference}"`;
  // dockerode's pull adds `:latest` to an untagged reference; without a tag the engine would pull every tag.
  const stream = await client.call(action, (docker) => docker.pull(reference) as Promise<NodeJS.ReadableStream>);
  await client.run(action, () => followProgress(stream, onProgress, (message) => `${action}: ${message}`));
}

/**
 * The build's query parameters; absent options are left out rather than sent
 * empty. Arrays are repeated parameters (docker-modem's encoding), which is
 * how the engine takes several `t` tags and `extrahosts`; the typings allow
 * one string only, hence the cast.
 */
function buildOptions(spec: BuildSpec, dockerfile: string): Docker.ImageBuildOptions {
  const options: Record<string, unknown> = {
    t: [...spec.tags],
    dockerfile,
    buildargs: { ...spec.args },
    labels: { ...spec.labels },
    nocache: spec.noCache,
    pull: spec.pull,
    rm: true,
    forcerm: true,
    ...(spec.target !== undefined ? { target: spec.target } : {}),
    ...(spec.network !== undefined ? { networkmode: spec.network } : {}),
    ...(spec.extraHosts.length > 0 ? { extrahosts: [...spec.extraHosts] } : {}),
    ...(spec.cacheFrom.length > 0 ? { cachefrom: [...spec.cacheFrom] } : {}),
    ...(spec.shmSizeBytes !== undefined ? { shmsize: spec.shmSizeBytes } : {}),
    ...(spec.platform !== undefined ? { platform: spec.platform } : {}),
  };
  return options as Docker.ImageBuildOptions;
}

/** The classic builder announces each instruction as `Step 2/5 : RUN make`; the last one seen is the one that failed. */
function failingStep(seen: readonly ProgressMessage[]): string | undefined {
  for (let index = seen.length - 1; index >= 0; index--) {
    const text = seen[index]?.stream?.trim();
    if (text?.startsWith("Step ")) return text;
  }
  return undefined;
}

/** Builds `spec` with the engine's builder, tagging every tag; a failing step is an EngineError naming it. */
export async function buildImage(
  client: EngineClient,
  spec: BuildSpec,
  onProgress?: (line: ProgressLine) => void,
): Promise<void> {
  const action = `build image ${spec.tags.length > 0 ? `"${spec.tags[0]}"` : `from ${spec.context}`}`;
  // A local file problem must not pass through client.run, which would read its ENOENT as "no engine".
  const context = await packBuildContext(spec).catch((error: unknown) => {
    throw new EngineError(`${action}: cannot read the build context ${spec.context}: ${(error as Error).message}`);
  });
  const stream = await client.call(action, (docker) =>
    docker.buildImage(context.tarStream, buildOptions(spec, context.dockerfile)),
  );
  await client.run(action, () =>
    followProgress(stream, onProgress, (message, seen) => {
      const step = failingStep(seen);
      return step ? `${action} failed at "${step}": ${message}` : `${action} failed: ${message}`;
    }),
  );
}
