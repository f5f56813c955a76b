/**
 * Global setup of the `integration` project: makes sure a Docker engine
 * answers and the local test images exist, by running scripts/engine.sh
 * (idempotent: well under a second when everything is in place; on a fresh
 * Debian machine as root it installs and starts the engine).
 *
 * Integration tests never skip silently: when no engine can be had, this
 * throws with the script's output and the whole run fails.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { engineVersion } from "./support/docker.js";

const engineScript = resolve(import.meta.dirname, "../../scripts/engine.sh");
// A fresh machine installs docker.io and busybox-static first: allow for a slow mirror.
const scriptTimeoutMs = 15 * 60_000;

/** Runs the script, echoing its output live (installs take a while), and returns that output. */
function runEngineScript(): Promise<{ status: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("bash", [engineScript, "--quiet"], { stdio: ["ignore", "pipe", "pipe"], timeout: scriptTimeoutMs });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (status, signal) => resolvePromise({ status, output: signal ? `${output}\n(killed by ${signal})` : output }));
  });
}

export default async function setup(): Promise<void> {
  const { status, output } = await runEngineScript();
  if (status !== 0) {
    throw new Error(
      `integration tests need a Docker engine and the image tsd-test/busybox:1, and scripts/engine.sh could not provide them (exit ${status}):\n` +
        `${output.trim()}\n` +
        "Fix the above (or run only the unit tests: npx vitest run --project unit).",
    );
  }
  const engine = await engineVersion();
  const address = process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
  console.log(`integration tests use Docker Engine ${engine.version} (API ${engine.apiVersion}, minimum ${engine.minApiVersion}) at ${address}`);
}
