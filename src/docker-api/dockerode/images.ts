/**
 * Pull, push and build: the long-running image calls. All stream progress
 * and report failure inside the stream, so all end in followProgress.
 */
import type Docker from "dockerode";
import { EngineError } from "../../base/errors.js";
import { type RegistryAuth, RegistryAuthError } from "../operations/images.js";
import type { BuildSpec, ProgressLine } from "../types.js";
import { packBuildContext } from "./build-context.js";
import type { EngineClient } from "./client.js";
import { engineMessage, engineStatusCode, toEngineError } from "./engine-errors.js";
import { followProgress, type ProgressMessage } from "./progress.js";

/**
 * How the engine words a registry's refusal: `no basic auth credentials`
 * (nothing sent), `unauthorized: authentication required` (wrong password),
 * Docker Hub's `pull access denied … may require 'docker login'`.
 */
const AUTH_FAILURE = /no basic auth credentials|unauthorized|authentication required|access denied|denied: requested access/i;

/** The engine's X-Registry-Auth body; `{}` for anonymous (a push without the header is refused as malformed). */
function authConfig(auth: RegistryAuth | undefined): Record<string, string> {
  if (auth === undefined) return {};
  return auth.kind === "password"
    ? { username: auth.username, password: auth.password, serveraddress: auth.serverAddress }
    : { identitytoken: auth.identityToken, serveraddress: auth.serverAddress };
}

/**
 * Runs a registry transfer (pull or push) to its end. The engine reports a
 * refusal either as an HTTP error before streaming or as an error line in the
 * stream; both become a RegistryAuthError when they are about credentials.
 */
async function transfer(
  client: EngineClient,
  action: string,
  reference: string,
  auth: RegistryAuth | undefined,
  start: (docker: Docker) => Promise<NodeJS.ReadableStream>,
  onProgress: ((line: ProgressLine) => void) | undefined,
): Promise<void> {
  const refused = (message: string): EngineError =>
    AUTH_FAILURE.test(message)
      ? new RegistryAuthError(`${action}: ${message}`, reference, auth !== undefined, message)
      : new EngineError(`${action}: ${message}`);
  const { docker } = await client.connected();
  let stream: NodeJS.ReadableStream;
  try {
    stream = await start(docker);
  } catch (error) {
    // No status: the engine was not reached at all, which toEngineError words.
    throw engineStatusCode(error) === undefined ? toEngineError(error, client.location, action) : refused(engineMessage(error));
  }
  let streamed: string | undefined;
  await client
    .run(action, () =>
      followProgress(stream, onProgress, (message) => {
        streamed = message;
        return `${action}: ${message}`;
      }),
    )
    .catch((error: unknown) => {
      throw streamed === undefined ? error : refused(streamed);
    });
}

/** Pulls `reference` to completion; an error in the stream (or before it) is an EngineError. */
export function pullImage(
  client: EngineClient,
  reference: string,
  onProgress?: (line: ProgressLine) => void,
  auth?: RegistryAuth,
): Promise<void> {
  // dockerode's pull adds `:latest` to an untagged reference (without a tag the engine would pull every tag), and passes a digest as the tag, which the engine reads as a digest.
  const options = auth === undefined ? {} : { authconfig: authConfig(auth) };
  return transfer(client, `pull image "${reference}"`, reference, auth, (docker) => docker.pull(reference, options) as Promise<NodeJS.ReadableStream>, onProgress);
}

/** `repository` and `tag` of a push: the engine pushes every tag of a repository when none is given, so `latest` is made explicit. */
function pushTarget(reference: string): { repository: string; tag: string } {
  const lastSlash = reference.lastIndexOf("/");
  const colon = reference.lastIndexOf(":");
  if (colon > lastSlash) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: "latest" };
}

/** Pushes one tag of a local image; see ImageOperations.pushImage. */
export async function pushImage(
  client: EngineClient,
  reference: string,
  auth: RegistryAuth | undefined,
  onProgress?: (line: ProgressLine) => void,
): Promise<void> {
  const action = `push image "${reference}"`;
  // As the docker CLI: a digest names content the registry already holds; there is nothing to push to it.
  if (reference.includes("@")) throw new EngineError(`${action}: cannot push a digest reference`, "push a tag instead (image: name:tag)");
  const { repository, tag } = pushTarget(reference);
  await transfer(
    client,
    action,
    reference,
    auth,
    (docker) => docker.getImage(repository).push({ tag, authconfig: authConfig(auth) }) as Promise<NodeJS.ReadableStream>,
    onProgress,
  );
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
