/**
 * dockerode's errors, turned into tsd's at the edge. docker-modem rejects with
 * a plain Error carrying `statusCode` and the engine's JSON body (`json`), or
 * with a socket error carrying `code`; nothing above this file sees either.
 */
import { EngineError, EngineUnavailableError } from "../../errors.js";

/** Where the adapter looked for an engine, for "nothing answered" messages. */
export interface EngineLocation {
  /** The endpoint in use, e.g. `unix:///var/run/docker.sock`. */
  readonly endpoint: string;
  /** Every place considered, in order, with why each was or was not used. */
  readonly lookedAt: readonly string[];
}

/** Socket errors that mean "no engine there" rather than "the engine said no". */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  "ENOENT",
  "ECONNREFUSED",
  "EACCES",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
]);

interface ModemErrorShape {
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly json?: unknown;
  readonly message?: unknown;
}

function shapeOf(error: unknown): ModemErrorShape {
  return typeof error === "object" && error !== null ? (error as ModemErrorShape) : {};
}

/** The HTTP status the engine answered with, if the error came from the engine. */
export function engineStatusCode(error: unknown): number | undefined {
  const statusCode = shapeOf(error).statusCode;
  return typeof statusCode === "number" ? statusCode : undefined;
}

/**
 * The engine's own words. docker-modem prefixes them with
 * `(HTTP code 404) no such container - `; the JSON body has them unadorned.
 */
export function engineMessage(error: unknown): string {
  const { json, message } = shapeOf(error);
  if (typeof json === "object" && json !== null && typeof (json as { message?: unknown }).message === "string") {
    return (json as { message: string }).message.trim();
  }
  const text = typeof message === "string" ? message : String(error);
  return text.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim();
}

function unavailable(location: EngineLocation, code: string, detail: string): EngineUnavailableError {
  const message =
    `no Docker engine answered at ${location.endpoint} (${detail})\n` + `looked at: ${location.lookedAt.join("; ")}`;
  const hint =
    code === "EACCES"
      ? `permission denied on the engine socket: add your user to the "docker" group (sudo usermod -aG docker "$USER", then log in again)`
      : "start an engine: on Debian run `sudo bash scripts/engine.sh`; elsewhere start Docker (Docker Desktop, or `sudo systemctl start docker`), or set DOCKER_HOST";
  return new EngineUnavailableError(message, hint);
}

/**
 * Any failure of an engine call as a tsd error: unreachable engine →
 * EngineUnavailableError (with where it looked and how to start one);
 * anything the engine refused → EngineError with its message.
 * `action` names the call for context: `create container "web-1"`.
 */
export function toEngineError(error: unknown, location: EngineLocation, action: string): EngineError {
  if (error instanceof EngineError) return error;
  const { code } = shapeOf(error);
  if (typeof code === "string" && UNREACHABLE_CODES.has(code) && engineStatusCode(error) === undefined) {
    return unavailable(location, code, `${code}: ${engineMessage(error)}`);
  }
  return new EngineError(`${action}: ${engineMessage(error)}`);
}
