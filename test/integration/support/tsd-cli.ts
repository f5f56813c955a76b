/**
 * Runs the built CLI (dist/cli/main.js) as a user would: a separate process,
 * asynchronous so a test can watch the engine while `tsd` works.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";

const main = resolve(import.meta.dirname, "../../../dist/cli/main.js");

/** What a CLI run printed and how it ended. */
export interface TsdResult {
  /** Exit status; `null` when the process was ended by a signal. */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and how to run `tsd`. */
export interface TsdRunOptions {
  readonly cwd: string;
  /** Added to the inherited PATH, HOME and DOCKER_* variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** The run is killed and the call rejects after this long. */
  readonly timeoutMs?: number;
  /** Lets a test stop a long-running command (`tsd up` in the foreground, `tsd watch`). */
  readonly signal?: AbortSignal;
  /** What an abort of `signal` sends; SIGINT (Ctrl-C) unless told. */
  readonly killSignal?: NodeJS.Signals;
}

/** Only what locates tools and the engine is inherited, so a developer's TSD_* or COMPOSE_* settings never leak in. */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root" };
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith("DOCKER_") && value !== undefined) env[key] = value;
  }
  return env;
}

/**
 * Runs `tsd ...args`. Resolves with the exit status whatever it is (tests
 * assert on it); rejects only when the run exceeds `timeoutMs`, with
 * everything it printed so far.
 */
export function runTsd(args: readonly string[], options: TsdRunOptions): Promise<TsdResult> {
  const { cwd, env = {}, timeoutMs = 60_000, signal, killSignal = "SIGINT" } = options;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd,
      env: { ...baseEnvironment(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
      ...(signal ? { signal, killSignal } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      // A CLI that ignores SIGTERM must not outlive the test run.
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    }, timeoutMs);

    child.on("error", (error) => {
      // An abort through `signal` is how a test ends a long-running command: the close event reports it.
      if (error.name === "AbortError") return;
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status, exitSignal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new Error(`tsd ${args.join(" ")} did not finish within ${timeoutMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
        return;
      }
      resolvePromise({ status, signal: exitSignal, stdout, stderr });
    });
  });
}
