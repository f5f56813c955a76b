/**
 * dockerode's errors, turned into tsd's at the edge. docker-modem rejects with
 * a plain Error carrying `statusCode` and the engine's JSON body (`json`), or
 * with a socket error carrying `code`; nothing above this file sees either.
 *
 * Every way of not getting through reads "cannot reach the Docker engine at
 * <endpoint>: …", whether nothing ever answered or the engine went away in
 * the middle of the run (`test/integration/faults/engine-dies.test.ts` kills
 * a real dockerd during `tsd up`); TLS refusals are worded in tls-errors.ts.
 */
import { EngineError, EngineUnavailableError } from "../../base/errors.js";
import type { EngineLocation, ModemErrorShape } from "./error-shapes.js";
import { tlsFailure } from "./tls-errors.js";

export type { EngineLocation, ModemErrorShape } from "./error-shapes.js";

/**
 * Socket errors that mean "no engine there (any more)" rather than "the
 * engine said no". A daemon killed during a request resets the connection
 * (ECONNRESET, "socket hang up" is ECONNRESET too, or EPIPE on a write); one
 * stopped cleanly removes its socket (ENOENT); one killed leaves it behind
 * (ECONNREFUSED).
 */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  "ENOENT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "EACCES",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
]);


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

/** Node's socket messages mostly name their code already (`connect ECONNREFUSED 127.0.0.1:1`); "socket hang up" does not. */
function socketDetail(code: string, error: unknown): string {
  const message = engineMessage(error);
  return message.includes(code) ? message : `${code}: ${message}`;
}

function unavailable(location: EngineLocation, code: string, error: unknown, action: string): EngineUnavailableError {
  const detail = socketDetail(code, error);
  if (location.answeredEarlier) {
    return new EngineUnavailableError(
      `cannot reach the Docker engine at ${location.endpoint}: it stopped answering during ${action} (${detail})`,
      "the engine went away while tsd was working (stopped, restarted or crashed). Once it answers again, run the same command: " +
        "tsd starts from what the engine holds, so what was done is not done twice",
    );
  }
  const message = `cannot reach the Docker engine at ${location.endpoint}: ${detail}\nlooked at: ${location.lookedAt.join("; ")}`;
  const hint =
    code === "EACCES"
      ? `permission denied on the engine socket: add your user to the "docker" group (sudo usermod -aG docker "$USER", then log in again)`
      : "start an engine: on Debian run `sudo bash scripts/engine.sh`; elsewhere start Docker (Docker Desktop, or `sudo systemctl start docker`), or set DOCKER_HOST";
  return new EngineUnavailableError(message, hint);
}

/**
 * Any failure of an engine call as a tsd error: unreachable engine →
 * EngineUnavailableError (with where it looked and how to start one, or
 * that it went away mid-run); a refused TLS handshake → EngineUnavailableError
 * saying which certificate; anything the engine refused → EngineError with
 * its message. `action` names the call for context: `create container "web-1"`.
 */
export function toEngineError(error: unknown, location: EngineLocation, action: string): EngineError {
  if (error instanceof EngineError) return error;
  const shape = shapeOf(error);
  const tls = tlsFailure(shape, location);
  if (tls) return tls;
  const { code } = shape;
  if (typeof code === "string" && UNREACHABLE_CODES.has(code) && engineStatusCode(error) === undefined) {
    return unavailable(location, code, error, action);
  }
  return new EngineError(`${action}: ${engineMessage(error)}`);
}
