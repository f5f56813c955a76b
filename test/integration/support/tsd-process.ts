/**
 * The built CLI as a process a test talks to: bytes on its stdin (once, or
 * while it runs), its output collected, the environment of the fixture plus
 * what the test adds (DOCKER_CONFIG, DOCKER_HOST).
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { resolve } from "node:path";
import type { TsdResult } from "./tsd-cli.js";

const main = resolve(import.meta.dirname, "../../../dist/cli/main.js");

/** A running `tsd`. */
export interface TsdProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when it exits. */
  readonly done: Promise<TsdResult>;
}

function environment(env: Readonly<Record<string, string>>): Record<string, string> {
  const inherited = Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith("DOCKER_") && entry[1] !== undefined);
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...Object.fromEntries(inherited), ...env };
}

/** Starts `tsd ...args` in `cwd`; killed after `timeoutMs`. */
export function startTsd(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}, timeoutMs = 60_000): TsdProcess {
  const child = spawn(process.execPath, [main, ...args], { cwd, env: environment(env), stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.on("error", () => undefined);
  const done = new Promise<TsdResult>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`tsd ${args.join(" ")} did not finish within ${timeoutMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolvePromise({ status, signal, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** `tsd ...args` with `input` on stdin (then closed), to its end. */
export function runTsdWith(args: readonly string[], cwd: string, input: string | Buffer, env: Readonly<Record<string, string>> = {}, timeoutMs = 60_000): Promise<TsdResult> {
  const running = startTsd(args, cwd, env, timeoutMs);
  running.child.stdin.end(input);
  return running.done;
}
