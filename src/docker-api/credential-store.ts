/**
 * Writing registry credentials where `docker login` writes them, so `docker`
 * and tsd share one login: a credential helper when the Docker config names
 * one (`credHelpers[registry]`, else `credsStore`), which gets
 * `{"ServerURL","Username","Secret"}` on stdin (`store`) or the server
 * address (`erase`); otherwise `auths[registry].auth`, base64 of
 * `user:password`, in `$DOCKER_CONFIG/config.json` (else `~/.docker/`).
 * Every other field of the file is kept; the file is replaced in one rename
 * and readable by its owner only, as the docker CLI leaves it.
 */
import { spawn } from "node:child_process";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { DOCKER_HUB, DOCKER_HUB_CONFIG_KEY } from "../base/image-reference.js";
import { UsageError } from "../base/errors.js";
import { dockerConfigFile, readDockerConfigObject } from "./credentials.js";

/** What to store for one registry: a password, or the identity token the registry handed out instead. */
export interface StoredLogin {
  readonly serverAddress: string;
  readonly username: string;
  readonly password: string;
  readonly identityToken?: string;
}

/** Where credentials went (or were removed from), for the user. */
export interface CredentialPlace {
  readonly configFile: string;
  /** `docker-credential-<name>` when a helper holds them. */
  readonly helper?: string;
}

type ConfigObject = Record<string, unknown> & { auths?: Record<string, Record<string, unknown>>; credsStore?: string; credHelpers?: Record<string, string> };

/** The key a registry is stored under: Docker Hub's historic URL; others without scheme or trailing slash. */
export function loginServerAddress(registry: string | undefined): string {
  if (registry === undefined || registry === "" || registry === DOCKER_HUB || registry === "index.docker.io" || registry === DOCKER_HUB_CONFIG_KEY) return DOCKER_HUB_CONFIG_KEY;
  return registry.replace(/^https?:\/\//, "").replace(/\/+$/, "");
}

async function readConfig(file: string): Promise<ConfigObject> {
  return (await readDockerConfigObject(file, "fix it before logging in: tsd never overwrites a file it cannot read")) as ConfigObject;
}

async function writeConfig(file: string, config: ConfigObject): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.tsd-${process.pid}`;
  await writeFile(temporary, `${JSON.stringify(config, null, "\t")}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

function helperFor(config: ConfigObject, serverAddress: string): string | undefined {
  return config.credHelpers?.[serverAddress] ?? (config.credsStore || undefined);
}

/** Runs `docker-credential-<helper> <action>` with `input` on stdin. */
function runHelper(helper: string, action: "store" | "erase", input: string, environment: NodeJS.ProcessEnv): Promise<void> {
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { stdio: ["pipe", "pipe", "pipe"], env: environment, timeout: 30_000 });
    let said = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (said += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (said += chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new UsageError(error.code === "ENOENT" ? `credential helper ${program} (named in the Docker config) is not installed` : `credential helper ${program} could not run: ${error.message}`)),
    );
    child.on("close", (status) => {
      if (status === 0 || (action === "erase" && /credentials not found/i.test(said))) resolve();
      // Never the input: it holds the password.
      else reject(new UsageError(`credential helper ${program} ${action} failed (exit ${status}): ${said.trim().split("\n")[0] ?? ""}`));
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}

/** Stores a login that the registry accepted. */
export async function storeLogin(login: StoredLogin, environment: NodeJS.ProcessEnv = process.env): Promise<CredentialPlace> {
  const configFile = dockerConfigFile(environment);
  const config = await readConfig(configFile);
  const helper = helperFor(config, login.serverAddress);
  const auths = { ...(config.auths ?? {}) };
  if (helper !== undefined) {
    const secret = login.identityToken ?? login.password;
    const username = login.identityToken ? "<token>" : login.username;
    await runHelper(helper, "store", JSON.stringify({ ServerURL: login.serverAddress, Username: username, Secret: secret }), environment);
    // As the docker CLI: an empty entry says "logged in here", the helper holds the secret.
    auths[login.serverAddress] = {};
    await writeConfig(configFile, { ...config, auths });
    return { configFile, helper: `docker-credential-${helper}` };
  }
  const auth = Buffer.from(`${login.username}:${login.identityToken ? "" : login.password}`).toString("base64");
  auths[login.serverAddress] = { auth, ...(login.identityToken ? { identitytoken: login.identityToken } : {}) };
  await writeConfig(configFile, { ...config, auths });
  return { configFile };
}

/** Removes a login; false when there was none to remove. */
export async function eraseLogin(serverAddress: string, environment: NodeJS.ProcessEnv = process.env): Promise<{ readonly removed: boolean; readonly place: CredentialPlace }> {
  const configFile = dockerConfigFile(environment);
  const config = await readConfig(configFile);
  const helper = helperFor(config, serverAddress);
  const auths = { ...(config.auths ?? {}) };
  const keys = Object.keys(auths).filter((key) => loginServerAddress(key) === serverAddress);
  if (helper !== undefined) await runHelper(helper, "erase", serverAddress, environment);
  for (const key of keys) delete auths[key];
  if (keys.length > 0) await writeConfig(configFile, { ...config, auths });
  return { removed: keys.length > 0, place: { configFile, ...(helper !== undefined ? { helper: `docker-credential-${helper}` } : {}) } };
}
