/**
 * Registry credentials the way the docker CLI finds them, so `docker login`
 * is all a user does before `tsd push` / `tsd pull`: the config file is
 * `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`; in it
 * `credHelpers[registry]`, else `credsStore`, names a credential helper to
 * ask; without one, `auths[registry]` holds `auth` (base64 `user:password`)
 * or an `identitytoken`. Docker Hub's key is `https://index.docker.io/v1/`;
 * other keys match by host, with or without a scheme (`https://ghcr.io`).
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { RegistryAuth } from "./operations/images.js";
import { UsageError } from "../base/errors.js";
import { askCredentialHelper } from "./credential-helper.js";
import { DOCKER_HUB, DOCKER_HUB_CONFIG_KEY } from "../base/image-reference.js";

/** The fields of config.json that hold credentials. */
interface DockerConfig {
  readonly auths?: Readonly<Record<string, AuthEntry>>;
  readonly credsStore?: string;
  readonly credHelpers?: Readonly<Record<string, string>>;
}

interface AuthEntry {
  readonly auth?: string;
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
}

/** Credentials for one registry (none: anonymous), and where they were looked for, for messages. */
export interface FoundCredentials {
  readonly auth?: RegistryAuth;
  /** The config file consulted (it may not exist). */
  readonly configFile: string;
  /** How they were found: `auths` or `credential helper docker-credential-x`; absent when none were. */
  readonly source?: string;
}

/** Where the docker CLI keeps its config. */
export function dockerConfigFile(environment: NodeJS.ProcessEnv = process.env): string {
  const directory = environment.DOCKER_CONFIG || join(environment.HOME || homedir(), ".docker");
  return join(directory, "config.json");
}

/**
 * `~/.docker/config.json` as a JSON object: `{}` when there is none, a
 * UsageError naming the file when it cannot be read or is not an object.
 * `hint`: what the user should do about a broken file (reading and writing differ).
 */
export async function readDockerConfigObject(file: string, hint: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new UsageError(`cannot read the Docker config ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`the Docker config ${file} is not valid JSON: ${(error as Error).message}`, hint);
  }
}

async function readDockerConfig(file: string): Promise<DockerConfig> {
  return (await readDockerConfigObject(file, "fix it, or log in again with `docker login`")) as DockerConfig;
}

/** The host part of a config key, as the docker CLI compares them: no scheme, no path. */
function hostOfKey(key: string): string {
  return key.replace(/^https?:\/\//, "").split("/")[0] ?? "";
}

/** The server address credentials are stored and sent under. */
function serverAddressOf(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
}

function entryFor(config: DockerConfig, serverAddress: string): AuthEntry | undefined {
  const auths = config.auths ?? {};
  if (auths[serverAddress]) return auths[serverAddress];
  const host = hostOfKey(serverAddress);
  const key = Object.keys(auths).sort().find((candidate) => hostOfKey(candidate) === host);
  return key === undefined ? undefined : auths[key];
}

function authFromEntry(entry: AuthEntry, serverAddress: string, file: string): RegistryAuth | undefined {
  if (entry.identitytoken) return { kind: "token", serverAddress, identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) throw new UsageError(`the credentials for ${serverAddress} in ${file} are malformed ("auth" is not base64 of user:password)`, `log in again: docker login ${serverAddress}`);
    return { kind: "password", serverAddress, username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password !== undefined) return { kind: "password", serverAddress, username: entry.username, password: entry.password };
  return undefined;
}

/** Finds the credentials for `registry` (a host such as `127.0.0.1:5000`, or `docker.io`). */
export async function registryCredentials(registry: string, environment: NodeJS.ProcessEnv = process.env): Promise<FoundCredentials> {
  const configFile = dockerConfigFile(environment);
  const config = await readDockerConfig(configFile);
  const serverAddress = serverAddressOf(registry);
  const helper = config.credHelpers?.[registry] ?? config.credHelpers?.[serverAddress];
  const origin = helper !== undefined ? `credHelpers in ${configFile}` : `credsStore in ${configFile}`;
  const helperName = helper ?? (config.credsStore || undefined);
  if (helperName !== undefined) {
    const found = await askCredentialHelper(helperName, serverAddress, origin, environment);
    const source = `credential helper docker-credential-${helperName}`;
    if (found === undefined) return { configFile };
    // Helpers hand out identity tokens under this user name (as docker's own client reads them).
    const auth: RegistryAuth =
      found.username === "<token>"
        ? { kind: "token", serverAddress, identityToken: found.secret }
        : { kind: "password", serverAddress, username: found.username, password: found.secret };
    return { auth, configFile, source };
  }
  const entry = entryFor(config, serverAddress);
  const auth = entry && authFromEntry(entry, serverAddress, configFile);
  return auth ? { auth, configFile, source: "auths" } : { configFile };
}

/**
 * Looks credentials up once per registry for one command: a helper may be
 * slow (a keyring), and a stack often names one registry many times.
 */
export function credentialsLookup(environment: NodeJS.ProcessEnv = process.env): (registry: string) => Promise<FoundCredentials> {
  const found = new Map<string, Promise<FoundCredentials>>();
  return (registry) => {
    let pending = found.get(registry);
    if (!pending) {
      pending = registryCredentials(registry, environment);
      found.set(registry, pending);
    }
    return pending;
  };
}
