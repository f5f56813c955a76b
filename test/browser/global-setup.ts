/**
 * Global setup of the `browser` project: the engine and the test images (as
 * for the integration tests, scripts/engine.sh), then Debian's Chromium
 * (scripts/chromium.sh installs it when /usr/bin/chromium is missing). When
 * either cannot be had, this throws with the script's output and the run
 * fails: browser tests never skip.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const scripts = resolve(import.meta.dirname, "../../scripts");

function run(script: string, what: string): void {
  // A fresh machine installs packages first: allow for a slow mirror.
  const result = spawnSync("bash", [resolve(scripts, script), "--quiet"], { encoding: "utf8", timeout: 15 * 60_000 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (output) process.stdout.write(`${output}\n`);
  if (result.status !== 0) throw new Error(`browser tests need ${what}, and scripts/${script} could not provide it (exit ${result.status ?? result.signal}):\n${output}`);
}

export default function setup(): void {
  run("engine.sh", "a Docker engine and the image tsd-test/busybox:1");
  run("chromium.sh", "Debian's chromium at /usr/bin/chromium");
}
