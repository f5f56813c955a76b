/**
 * `tsd login`, `tsd logout` and `tsd search`: the engine checks the
 * credentials with the registry (as `docker login` has it do), and only
 * accepted ones are stored, where `docker login` stores them. The password
 * never appears in a message.
 */
import { UsageError } from "../../../base/errors.js";
import { type CredentialPlace, eraseLogin, loginServerAddress, storeLogin } from "../../../docker-api/credential-store.js";
import { credentialsLookup } from "../../../docker-api/credentials.js";
import type { Engine } from "../../../docker-api/engine.js";
import type { SearchOptions, SearchResult } from "../../../docker-api/operations/objects.js";
import { parseImageReference } from "../../../base/image-reference.js";

/** What `tsd login` was given. */
export interface LoginRequest {
  /** Absent: Docker Hub. */
  readonly registry?: string;
  readonly username: string;
  readonly password: string;
}

/** A login that succeeded, and where it was stored. */
export interface LoginOutcome extends CredentialPlace {
  readonly serverAddress: string;
  readonly status: string;
}

/** Logs in; a refused login stores nothing and fails in one line. */
export async function login(engine: Engine, request: LoginRequest, environment: NodeJS.ProcessEnv = process.env): Promise<LoginOutcome> {
  const serverAddress = loginServerAddress(request.registry);
  if (request.username === "") throw new UsageError("tsd login needs a user name (-u USER)");
  if (request.password === "") throw new UsageError("tsd login needs a password (--password-stdin, or typed at the prompt)");
  const answer = await engine.checkLogin({ kind: "password", serverAddress, username: request.username, password: request.password });
  if ("refused" in answer) throw new UsageError(`login to ${serverAddress} refused: wrong user name or password (${answer.message.split("\n")[0] ?? ""})`);
  const place = await storeLogin({ serverAddress, username: request.username, password: request.password, ...(answer.identityToken ? { identityToken: answer.identityToken } : {}) }, environment);
  return { ...place, serverAddress, status: answer.status };
}

/** Logs out; `removed` false when there was no login to remove. */
export async function logout(registry: string | undefined, environment: NodeJS.ProcessEnv = process.env): Promise<{ readonly serverAddress: string; readonly removed: boolean } & CredentialPlace> {
  const serverAddress = loginServerAddress(registry);
  const { removed, place } = await eraseLogin(serverAddress, environment);
  return { serverAddress, removed, ...place };
}

/** Searches the registry the term names (Docker Hub without a host), with that registry's stored login if any. */
export async function search(engine: Engine, term: string, options: Omit<SearchOptions, "auth">, environment: NodeJS.ProcessEnv = process.env): Promise<SearchResult[]> {
  if (term.trim() === "") throw new UsageError("tsd search needs a term");
  const { registry } = parseImageReference(term);
  const found = await credentialsLookup(environment)(registry);
  return engine.searchImages(term, { ...options, ...(found.auth ? { auth: found.auth } : {}) });
}
