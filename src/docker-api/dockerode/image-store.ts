/**
 * The image store and the registry on the Docker Engine API: tag, remove
 * (`DELETE /images/{name}`), save (`GET /images/get`), load
 * (`POST /images/load`), import (`POST /images/create?fromSrc=-`), search
 * (`GET /images/search`) and login (`POST /auth`).
 */
import type { IncomingMessage } from "node:http";
import type { RegistryAuth } from "../operations/images.js";
import type { ImageRemoval, ImportSpec, LoginRefusal, LoginResult, SearchOptions, SearchResult } from "../operations/objects.js";
import type { ProgressLine } from "../types.js";
import { dial, type EngineClient } from "./client.js";
import { engineMessage, engineStatusCode, toEngineError } from "./engine-errors.js";
import { followProgress } from "./progress.js";

/** `POST /images/{name}/tag`. */
export async function tagImage(client: EngineClient, source: string, repository: string, tag: string): Promise<void> {
  await client.call(`tag image "${source}" as ${repository}:${tag}`, (docker) => docker.getImage(source).tag({ repo: repository, tag }));
}

/** `DELETE /images/{name}`: the engine's list of untagged references and deleted layers. */
export async function deleteImage(client: EngineClient, reference: string, force: boolean): Promise<ImageRemoval> {
  const answer = (await client.call(`remove image "${reference}"`, (docker) => docker.getImage(reference).remove({ force, noprune: false }))) as
    | { Untagged?: string; Deleted?: string }[]
    | null;
  const entries = answer ?? [];
  return {
    untagged: entries.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : [])),
    deleted: entries.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : [])),
  };
}

/** `GET /images/get?names=…`: one tar archive with every image named. */
export async function saveImages(client: EngineClient, references: readonly string[]): Promise<NodeJS.ReadableStream> {
  const { docker } = await client.connected();
  return client.run(`save images ${references.join(", ")}`, () =>
    dial<IncomingMessage>(docker, { path: "/images/get?", method: "GET", isStream: true, options: { names: [...references] } }),
  );
}

/** `POST /images/load`: the engine's `Loaded image: …` lines. */
export async function loadImages(client: EngineClient, archive: NodeJS.ReadableStream, onProgress?: (line: ProgressLine) => void): Promise<string[]> {
  const action = "load images";
  const { docker } = await client.connected();
  const stream = await client.run(action, () =>
    dial<IncomingMessage>(docker, { path: "/images/load?", method: "POST", isStream: true, file: archive, options: { quiet: false } }),
  );
  const loaded: string[] = [];
  await client.run(action, () =>
    followProgress(
      stream,
      (line) => {
        if (/^Loaded image( ID)?: /.test(line.text)) loaded.push(line.text);
        onProgress?.(line);
      },
      (message) => `${action}: ${message}`,
    ),
  );
  return loaded;
}

/** `POST /images/create?fromSrc=-`: an image of a filesystem archive; its ID. */
export async function importImage(client: EngineClient, archive: NodeJS.ReadableStream, spec: ImportSpec): Promise<string> {
  const action = `import ${spec.repository}:${spec.tag}`;
  const { docker } = await client.connected();
  const query = {
    fromSrc: "-",
    repo: spec.repository,
    tag: spec.tag,
    ...(spec.changes.length > 0 ? { changes: [...spec.changes] } : {}),
    ...(spec.message !== undefined ? { message: spec.message } : {}),
  };
  const stream = await client.run(action, () => dial<IncomingMessage>(docker, { path: "/images/create?", method: "POST", isStream: true, file: archive, options: query }));
  let imageId = "";
  await client.run(action, () =>
    followProgress(
      stream,
      (line) => {
        if (/^sha256:[0-9a-f]{64}$/.test(line.text.trim())) imageId = line.text.trim();
      },
      (message) => `${action}: ${message}`,
    ),
  );
  return imageId;
}

/** The engine's X-Registry-Auth body. */
function authConfig(auth: RegistryAuth): Record<string, string> {
  return auth.kind === "password"
    ? { username: auth.username, password: auth.password, serveraddress: auth.serverAddress }
    : { identitytoken: auth.identityToken, serveraddress: auth.serverAddress };
}

/** `GET /images/search`: the engine asks the registry the term names (Docker Hub without a host). */
export async function searchImages(client: EngineClient, term: string, options: SearchOptions): Promise<SearchResult[]> {
  const { docker } = await client.connected();
  const filters = Object.fromEntries(Object.entries(options.filters).map(([key, values]) => [key, Object.fromEntries(values.map((value) => [value, true]))]));
  const query = { term, ...(options.limit !== undefined ? { limit: options.limit } : {}), ...(Object.keys(filters).length > 0 ? { filters: JSON.stringify(filters) } : {}) };
  const answer = await client.run(`search "${term}"`, () =>
    dial<{ name?: string; description?: string; star_count?: number; is_official?: boolean; is_automated?: boolean }[] | null>(docker, {
      path: "/images/search?",
      method: "GET",
      options: query,
      ...(options.auth ? { authconfig: authConfig(options.auth) } : {}),
    }),
  );
  return (answer ?? []).map((hit) => ({
    name: hit.name ?? "",
    description: hit.description ?? "",
    stars: hit.star_count ?? 0,
    official: hit.is_official === true,
    automated: hit.is_automated === true,
  }));
}

/** How engines word a registry's refusal of the credentials. */
const LOGIN_REFUSED = /401 Unauthorized|unauthorized|incorrect username or password/i;

/** `POST /auth`: 401 is a refusal of the credentials, anything else an engine error. */
export async function checkLogin(client: EngineClient, auth: Extract<RegistryAuth, { kind: "password" }>): Promise<LoginResult | LoginRefusal> {
  const action = `log in to ${auth.serverAddress}`;
  const { docker } = await client.connected();
  try {
    const answer = await dial<{ Status?: string; IdentityToken?: string }>(docker, {
      path: "/auth",
      method: "POST",
      options: { username: auth.username, password: auth.password, serveraddress: auth.serverAddress },
    });
    return { status: answer.Status ?? "Login Succeeded", ...(answer.IdentityToken ? { identityToken: answer.IdentityToken } : {}) };
  } catch (error) {
    // dockerd 20.10 answers 500 with the registry's 401 in its message; newer engines answer 401.
    if (engineStatusCode(error) === 401 || (engineStatusCode(error) !== undefined && LOGIN_REFUSED.test(engineMessage(error)))) return { refused: true, message: engineMessage(error) };
    throw toEngineError(error, client.location, action);
  }
}
