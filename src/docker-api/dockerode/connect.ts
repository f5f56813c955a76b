/**
 * Finding the engine: an ordered list of strategies, as the Docker CLI and
 * testcontainers look. `DOCKER_HOST`, when set, is the only answer (a user
 * who names an engine does not want another one silently); otherwise the
 * first socket that exists, system-wide before rootless.
 *
 * Connecting does not talk to the engine: the first call does, and when
 * nothing answers it fails with an EngineUnavailableError listing every place
 * considered here.
 *
 * A plain `tcp://` DOCKER_HOST to anything but this machine gets a warning:
 * the Docker API is root on the engine's machine, and without TLS anyone on
 * the way can read it (secrets in environment variables included) or answer
 * in the engine's place. docs/remote-engines.md describes each form.
 */
import { existsSync, readFileSync } from "node:fs";
import { isIPv4 } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { EngineUnavailableError } from "../../base/errors.js";
import type { Engine } from "../engine.js";
import { EngineClient } from "./client.js";
import { DockerEngine, type DockerEngineOptions } from "./docker-engine.js";
import type { SwarmEngine } from "../swarm-engine.js";
import { DockerSwarmEngine } from "./swarm-engine.js";

/** The environment variables the strategies read. */
export type ConnectEnvironment = Readonly<Record<string, string | undefined>>;

/** One place an engine may be. */
interface Candidate {
  /** `unix:///var/run/docker.sock (default socket)`. */
  readonly description: string;
  readonly endpoint: string;
  readonly clientOptions: Docker.DockerOptions;
  /** False when it plainly cannot work (a socket file that does not exist). */
  readonly present: boolean;
  /** The folder the TLS files came from, for messages about a refused certificate. */
  readonly certPath?: string;
  /** Said once, when this candidate is used: a plain TCP connection that leaves the machine. */
  readonly warning?: string;
}

/** A strategy yields a candidate, or nothing when it does not apply. */
interface ConnectionStrategy {
  readonly name: string;
  candidate(env: ConnectEnvironment): Candidate | undefined;
}

/**
 * Explicit `undefined`s matter: docker-modem merges our options over
 * defaults it reads from `process.env` itself, so a socket connection must
 * clear the TCP fields a stray `DOCKER_HOST` would have set.
 */
function socketCandidate(path: string, label: string): Candidate {
  return {
    description: `unix://${path} (${label})`,
    endpoint: `unix://${path}`,
    clientOptions: { socketPath: path, host: undefined, port: undefined, protocol: undefined, ca: undefined, cert: undefined, key: undefined },
    present: existsSync(path),
  };
}

function readTlsFile(directory: string, name: string): Buffer {
  try {
    return readFileSync(join(directory, name));
  } catch (error) {
    throw new EngineUnavailableError(
      `DOCKER_TLS_VERIFY is set but ${join(directory, name)} cannot be read (${(error as Error).message})`,
      "set DOCKER_CERT_PATH to the folder holding ca.pem, cert.pem and key.pem",
    );
  }
}

/** `localhost`, 127.0.0.0/8 or ::1: traffic that never leaves the machine. Names are not resolved (no lookup, ever). */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (host === "localhost" || host === "::1") return true;
  return isIPv4(host) && host.startsWith("127.");
}

/** The warning for a plain-HTTP engine connection, or undefined when it stays on this machine. */
function plainTcpWarning(dockerHost: string, hostname: string): string | undefined {
  if (isLoopback(hostname)) return undefined;
  return (
    `DOCKER_HOST=${dockerHost} is not encrypted: anyone on the network between this machine and ${hostname} can read what tsd sends ` +
    "(environment values and secrets included) and answer as the engine, which runs as root there; " +
    "use DOCKER_TLS_VERIFY=1 with DOCKER_CERT_PATH (see docs/remote-engines.md), or reach the engine through an SSH tunnel to a loopback port"
  );
}

function dockerHostCandidate(dockerHost: string, env: ConnectEnvironment): Candidate {
  if (dockerHost.startsWith("unix://")) return socketCandidate(dockerHost.slice("unix://".length), "DOCKER_HOST");
  let url: URL;
  try {
    url = new URL(dockerHost);
  } catch {
    throw new EngineUnavailableError(`DOCKER_HOST="${dockerHost}" is not a URL`, "use unix:///path/to/docker.sock or tcp://host:port");
  }
  if (!["tcp:", "http:", "https:"].includes(url.protocol)) {
    throw new EngineUnavailableError(
      `DOCKER_HOST="${dockerHost}": tsd connects through unix:// or tcp:// only`,
      "use unix:///path/to/docker.sock or tcp://host:port",
    );
  }
  // As the Docker CLI documents it: any non-empty value turns verification on, even "0".
  const tls = (env.DOCKER_TLS_VERIFY ?? "") !== "" || url.protocol === "https:";
  const port = url.port || (tls ? "2376" : "2375");
  const certPath = env.DOCKER_CERT_PATH || join(homedir(), ".docker");
  const tlsOptions = tls
    ? { ca: readTlsFile(certPath, "ca.pem"), cert: readTlsFile(certPath, "cert.pem"), key: readTlsFile(certPath, "key.pem") }
    : { ca: undefined, cert: undefined, key: undefined };
  const endpoint = `${tls ? "https" : "http"}://${url.hostname}:${port}`;
  const warning = tls ? undefined : plainTcpWarning(dockerHost, url.hostname);
  return {
    description: `${endpoint} (DOCKER_HOST${tls ? ", TLS" : ""})`,
    endpoint,
    clientOptions: { host: url.hostname, port, protocol: tls ? "https" : "http", socketPath: undefined, ...tlsOptions },
    present: true,
    ...(tls ? { certPath } : {}),
    ...(warning ? { warning } : {}),
  };
}

/** The strategies, in the order they are tried. */
const STRATEGIES: readonly ConnectionStrategy[] = [
  {
    name: "DOCKER_HOST",
    candidate: (env) => (env.DOCKER_HOST ? dockerHostCandidate(env.DOCKER_HOST, env) : undefined),
  },
  { name: "default socket", candidate: () => socketCandidate("/var/run/docker.sock", "default socket") },
  {
    name: "rootless socket",
    candidate: (env) =>
      env.XDG_RUNTIME_DIR ? socketCandidate(join(env.XDG_RUNTIME_DIR, "docker.sock"), "rootless socket") : undefined,
  },
];

/**
 * The engine the environment points at. Never contacts it: the first call
 * does (negotiating the API version), so this cannot fail for a stopped
 * engine, only for a malformed `DOCKER_HOST` or unreadable TLS files.
 */
export function connectDockerEngine(env: ConnectEnvironment = process.env, options: DockerEngineOptions = {}): Engine {
  return new DockerEngine(connectEngineClient(env, options), options);
}

/** A swarm manager's API on the engine the environment points at (the same strategies; no call made). */
export function connectSwarmEngine(env: ConnectEnvironment = process.env, options: DockerEngineOptions = {}): SwarmEngine {
  return new DockerSwarmEngine(connectEngineClient(env, options));
}

/** The client of the engine the environment points at, by the strategies above. */
function connectEngineClient(env: ConnectEnvironment, options: DockerEngineOptions): EngineClient {
  const debug = options.onDebug ?? (() => {});
  const lookedAt: string[] = [];
  let chosen: Candidate | undefined;
  let fallback: Candidate | undefined;
  for (const strategy of STRATEGIES) {
    const candidate = strategy.candidate(env);
    if (!candidate) {
      debug(`engine strategy "${strategy.name}": not applicable`);
      continue;
    }
    lookedAt.push(candidate.present ? candidate.description : `${candidate.description}: no such file`);
    debug(`engine strategy "${strategy.name}": ${candidate.description}${candidate.present ? "" : " (absent)"}`);
    fallback ??= candidate;
    if (strategy.name === "DOCKER_HOST" || candidate.present) {
      chosen = candidate;
      break;
    }
  }
  // Nothing present: keep the first candidate, so the first call fails with ENOENT and lists every place looked at.
  const target = chosen ?? fallback;
  if (!target) throw new EngineUnavailableError("no place to look for a Docker engine", "set DOCKER_HOST");
  debug(`engine: using ${target.description}`);
  if (target.warning) options.onWarning?.(target.warning, { kind: "insecure-connection", subject: target.endpoint, message: target.warning });
  const location = { endpoint: target.endpoint, lookedAt, ...(target.certPath ? { certPath: target.certPath } : {}) };
  return new EngineClient(target.clientOptions, location, debug);
}
