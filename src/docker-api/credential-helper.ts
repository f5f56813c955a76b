/**
 * Docker's credential helper protocol: `docker-credential-<name> get` reads
 * the server address on stdin and prints `{"ServerURL", "Username",
 * "Secret"}`, or fails with "credentials not found" when it has none.
 * https://github.com/docker/docker-credential-helpers
 */
import { spawn } from "node:child_process";
import { UsageError } from "../base/errors.js";

/** What a helper returned for one server. */
export interface HelperCredentials {
  readonly username: string;
  readonly secret: string;
}

/** The helpers' own words for "I hold nothing for that server". */
const NOT_FOUND = /credentials not found/i;

/** A helper that takes longer is hung (waiting for a keyring unlock nobody will see). */
const HELPER_TIMEOUT_MS = 30_000;

/**
 * Asks `docker-credential-<helper>` for `serverAddress`'s credentials;
 * undefined when it holds none. `origin` says where the helper was named,
 * for the error when it is missing or fails; the program is found on
 * `environment`'s PATH and runs with it (helpers read HOME, DBUS, …).
 */
export function askCredentialHelper(
  helper: string,
  serverAddress: string,
  origin: string,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<HelperCredentials | undefined> {
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, ["get"], { stdio: ["pipe", "pipe", "pipe"], env: environment, timeout: HELPER_TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new UsageError(`credential helper ${program} (${origin}) is not installed`, `install ${program}, or remove "${helper}" from the Docker config to use its "auths" entries`)
          : new UsageError(`credential helper ${program} (${origin}) could not run: ${error.message}`),
      );
    });
    child.on("close", (status, signal) => {
      if (status === 0) {
        try {
          const answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
          if (typeof answer.Username === "string" && typeof answer.Secret === "string") {
            resolve(answer.Secret === "" ? undefined : { username: answer.Username, secret: answer.Secret });
            return;
          }
        } catch {
          // Worded below, with what it printed.
        }
        reject(new UsageError(`credential helper ${program} (${origin}) answered something other than credentials: ${stdout.trim().slice(0, 200)}`));
        return;
      }
      const said = `${stdout}${stderr}`.trim();
      if (NOT_FOUND.test(said)) {
        resolve(undefined);
        return;
      }
      reject(new UsageError(`credential helper ${program} (${origin}) failed for ${serverAddress} (${signal ? `killed by ${signal}` : `exit ${status}`}): ${said}`));
    });
    // A helper that exits without reading stdin makes this write fail (EPIPE); its exit status tells the story.
    child.stdin.on("error", () => undefined);
    child.stdin.end(serverAddress);
  });
}
