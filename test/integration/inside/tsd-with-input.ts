/**
 * Runs the built CLI with bytes on its stdin (the shared runner gives tsd
 * no stdin at all): `echo hi | tsd exec -T web cat`.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Fixture } from "../support/fixture.js";
import type { TsdResult } from "../support/tsd-cli.js";

const main = resolve(import.meta.dirname, "../../../dist/cli/main.js");

/** `tsd ...args` in the fixture's folder, as its project, with `input` piped to stdin and then closed. */
export function runTsdWithInput(fixture: Fixture, args: readonly string[], input: string, timeoutMs = 60_000): Promise<TsdResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd: fixture.dir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...dockerVariables(), ...fixture.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`tsd ${args.join(" ")} did not finish within ${timeoutMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolvePromise({ status, signal, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

function dockerVariables(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith("DOCKER_") && entry[1] !== undefined));
}
