/**
 * A ready-made stack from stacks/, as a user gets it: `tsd init STACK DIR`
 * copies it into a temp folder, and every command runs with the test
 * override (`-f tsd.yaml -f test/stacks/STACK.local.yml`) that swaps the
 * public images for local stand-ins built by scripts/stack-images.sh.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { docker, inspectProjectContainers, projectResources, removeProjectResources } from "../support/docker.js";
import type { Fixture } from "../support/fixture.js";
import { runTsd } from "../support/tsd-cli.js";
import { freeLoopbackPort } from "../up/free-port.js";

const repoRoot = resolve(import.meta.dirname, "../../..");

/** Up to 15 minutes on a fresh machine: debootstrap, then apt-get in five image builds. */
export const IMAGES_TIMEOUT_MS = 15 * 60_000;

/** Builds (or finds, by Dockerfile hash) the local stand-in images; throws with the script's output. */
export function ensureStackImages(): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("bash", [join(repoRoot, "scripts/stack-images.sh"), "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (status) => (status === 0 ? resolvePromise() : reject(new Error(`scripts/stack-images.sh failed (exit ${status}):\n${output}`))));
  });
}

/** A copied ready-made stack, with the loopback port given to each port variable. */
export type ReadyMadeStack = Fixture & { readonly ports: Readonly<Record<string, number>> };

/**
 * The test file's stack: images built and the stack copied before its tests,
 * its resources and folder removed after them. Call at the top of the file;
 * the returned function gives the stack inside tests.
 */
export function useReadyMadeStack(name: string, ports: readonly string[]): () => ReadyMadeStack {
  let stack: ReadyMadeStack | undefined;
  beforeAll(async () => {
    await ensureStackImages();
    stack = await initStack(name, ports);
  }, IMAGES_TIMEOUT_MS);
  afterAll(async () => stack?.cleanup());
  return () => {
    if (stack === undefined) throw new Error(`stacks/${name} was not set up: its beforeAll failed`);
    return stack;
  };
}

/**
 * Copies stacks/<name> with `tsd init` into a temp folder. `ports` names the
 * stack's port variables (HTTP_PORT, …): each gets a free loopback port, so
 * the test never collides with whatever the machine runs on 8080 or 5432.
 */
export async function initStack(name: string, ports: readonly string[]): Promise<ReadyMadeStack> {
  const projectName = `tsd-it-stack-${name}-${randomBytes(3).toString("hex")}`;
  const dir = mkdtempSync(join(tmpdir(), `${projectName}-`));
  const init = await runTsd(["init", name, dir], { cwd: tmpdir() });
  expect(init.status, init.stderr).toBe(0);
  const portValues: Record<string, number> = {};
  for (const variable of ports) portValues[variable] = await freeLoopbackPort();
  const env = { TSD_PROJECT_NAME: projectName, ...Object.fromEntries(Object.entries(portValues).map(([key, port]) => [key, String(port)])) };
  const stackFlags = stackFlagsFor(name, dir);
  return {
    name,
    projectName,
    dir,
    env,
    ports: portValues,
    path: (relative) => join(dir, relative),
    run: (args, options = {}) => runTsd([...stackFlags, ...args], { timeoutMs: 180_000, ...options, cwd: dir, env: { ...env, ...options.env } }),
    cleanup: async () => {
      try {
        await removeProjectResources(projectName);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The stack flags, for a long-running tsd started with startTsd (which runs args as given). */
export function stackFlagsOf(stack: Fixture): string[] {
  return stackFlagsFor(stack.name, stack.dir);
}

/** The stack copied into `dir`, with the test override that swaps in the local images. */
function stackFlagsFor(name: string, dir: string): string[] {
  return ["-f", join(dir, "tsd.yaml"), "-f", join(repoRoot, "test/stacks", `${name}.local.yml`)];
}

/** Every volume the project's containers mount (named and anonymous), by name. */
export async function mountedVolumes(projectName: string): Promise<string[]> {
  const containers = await inspectProjectContainers(projectName);
  const names = containers.flatMap((info) => info.Mounts.filter((mount) => mount.Type === "volume" && mount.Name).map((mount) => mount.Name as string));
  return [...new Set(names)].sort();
}

/** Volumes of `names` the engine still has. */
export async function existingVolumes(names: readonly string[]): Promise<string[]> {
  const listed = new Set((await docker(["volume", "ls", "--quiet"])).split("\n").map((line) => line.trim()));
  return names.filter((name) => listed.has(name));
}

/**
 * `tsd up --wait`, then the checks every stack shares: the smoke check, `down`
 * keeping the volumes, `up` again finding the data, `down -v` leaving nothing.
 */
export async function expectDownKeepsAndDownVRemoves(stack: Fixture, checkDataAfterRestart: () => Promise<void>): Promise<void> {
  const volumes = await mountedVolumes(stack.projectName);
  expect(volumes.length).toBeGreaterThan(0);

  const down = await stack.run(["down"]);
  expect(down.status, down.stderr).toBe(0);
  expect(await existingVolumes(volumes)).toEqual(volumes);

  const again = await stack.run(["up", "--wait", "--progress", "plain"]);
  expect(again.status, again.stderr).toBe(0);
  await checkDataAfterRestart();

  const downV = await stack.run(["down", "-v"]);
  expect(downV.status, downV.stderr).toBe(0);
  expect(await projectResources(stack.projectName)).toEqual({ containers: [], networks: [], volumes: [] });
  expect(await existingVolumes(volumes)).toEqual([]);
}

/** Runs a command in the service's first container through `tsd exec -T`; returns stdout, failing the test on a non-zero exit. */
export async function execIn(stack: Fixture, service: string, command: readonly string[]): Promise<string> {
  const result = await stack.run(["exec", "-T", service, ...command]);
  expect(result.status, `${command.join(" ")}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

