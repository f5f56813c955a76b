/**
 * The swarm lab as the tests see it: where scripts/swarm-lab.sh put each
 * node (the script's naming rules, scripts/swarm-lab/common.sh), how to talk
 * to a node's dockerd or into its network namespace, and what the lab leaves
 * on the machine.
 *
 * The tests use a lab of their own (folder /tmp/tsd-swarm-test, prefix
 * tsdtest), so a lab someone made by hand with the defaults is never reused
 * or removed by a test run.
 */
import { execFile, spawn } from "node:child_process";
import { type Dirent, existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { type DockerResult, dockerRaw } from "../../integration/support/docker.js";

const run = promisify(execFile);

/** The lab's script. */
export const LAB_SCRIPT = resolve(import.meta.dirname, "../../../scripts/swarm-lab.sh");

/** One node of the lab. */
export interface LabNode {
  /** 1 for the manager, 2… for the workers. */
  readonly index: number;
  /** Its swarm node name (hostname) and its network namespace's name: `<prefix>-n<index>`. */
  readonly name: string;
  /** `unix://<lab>/n<index>/docker.sock`. */
  readonly host: string;
  /** `10.213.77.<index>`, reachable only from inside the lab's namespaces. */
  readonly address: string;
  /** `/run/netns/<name>`, for `nsenter --net=…`. */
  readonly netnsPath: string;
}

/** What the swarm project's global setup provides to every test file. */
export interface SwarmLab {
  readonly labDir: string;
  readonly prefix: string;
  /** The manager's `DOCKER_HOST`, as `up` printed it on its last line. */
  readonly managerHost: string;
  readonly nodes: readonly LabNode[];
}

declare module "vitest" {
  export interface ProvidedContext {
    swarmLab: SwarmLab;
  }
}

/** The folder and prefix of the tests' lab, and the environment that makes the script use them. */
export const TEST_LAB = {
  labDir: process.env.TSD_SWARM_TEST_LAB_DIR ?? "/tmp/tsd-swarm-test",
  prefix: process.env.TSD_SWARM_TEST_LAB_PREFIX ?? "tsdtest",
} as const;

/** The environment for the script: the tests' lab, whatever the caller's shell set. */
export function labEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, TSD_SWARM_LAB_DIR: TEST_LAB.labDir, TSD_SWARM_LAB_PREFIX: TEST_LAB.prefix };
}

/** The nodes of a `count`-node lab, by the script's naming rules. */
export function labNodes(labDir: string, prefix: string, count: number): LabNode[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = offset + 1;
    const name = `${prefix}-n${index}`;
    return { index, name, host: `unix://${labDir}/n${index}/docker.sock`, address: `10.213.77.${index}`, netnsPath: `/run/netns/${name}` };
  });
}

/** What a script run printed, and how it ended. */
export interface ScriptResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs `scripts/swarm-lab.sh ...args` on the tests' lab; `echo` copies its stderr (progress) live. */
export function runLabScript(args: readonly string[], echo = false, timeoutMs = 300_000): Promise<ScriptResult> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn("bash", [LAB_SCRIPT, ...args], { stdio: ["ignore", "pipe", "pipe"], env: labEnvironment(), timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      if (echo) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (status, signal) =>
      resolvePromise({
        status,
        stdout,
        stderr: signal ? `${stderr}\n(killed by ${signal})` : stderr,
        seconds: (performance.now() - started) / 1000,
      }),
    );
  });
}

/** The manager's `DOCKER_HOST` from the last line `up` printed; throws when that line is not one. */
export function managerHostFrom(upStdout: string): string {
  const lastLine = upStdout.trimEnd().split("\n").at(-1) ?? "";
  const match = /^DOCKER_HOST=(unix:\/\/\S+)$/.exec(lastLine);
  if (!match?.[1]) throw new Error(`the last line of swarm-lab.sh up is not DOCKER_HOST=unix://…: ${JSON.stringify(lastLine)}`);
  return match[1];
}

/** Runs `docker -H <node> ...args`; the exit status is returned, not thrown. */
export function nodeDockerRaw(node: LabNode, args: readonly string[], timeoutMs = 60_000): Promise<DockerResult> {
  return dockerRaw(["-H", node.host, ...args], timeoutMs);
}

/** Runs `docker -H <node> ...args` and returns stdout; throws with stderr on a non-zero exit. */
export async function nodeDocker(node: LabNode, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  const result = await nodeDockerRaw(node, args, timeoutMs);
  if (result.status !== 0) throw new Error(`docker -H ${node.host} ${args.join(" ")} exited with ${result.status}: ${result.stderr.trim()}`);
  return result.stdout;
}

/**
 * Runs `command` in the node's network namespace (`nsenter --net`, the host's
 * file system and tools); the exit status is returned, not thrown.
 */
export async function inNodeNetwork(node: LabNode, command: readonly string[], timeoutMs = 15_000): Promise<DockerResult> {
  try {
    const { stdout, stderr } = await run("nsenter", [`--net=${node.netnsPath}`, ...command], { timeout: timeoutMs, encoding: "utf8" });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    if (typeof failure.code !== "number") throw new Error(`nsenter --net=${node.netnsPath} ${command.join(" ")} failed: ${failure.message}`);
    return { status: failure.code, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
  }
}

/** A process's state letter (`R`, `S`, `Z`, …), or undefined when it is gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
  } catch {
    return undefined;
  }
}

/** True while `pid` runs; a zombie (waiting for init to reap it) is dead. */
export function processAlive(pid: number): boolean {
  const state = processState(pid);
  return state !== undefined && state !== "Z";
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Live dockerd, containerd and shim processes whose command line names a path in the lab folder. */
export function labDaemonPids(labDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = readOrEmpty(`/proc/${entry}/comm`).trim();
    if (comm !== "dockerd" && comm !== "containerd" && !comm.startsWith("containerd-shim")) continue;
    if (readOrEmpty(`/proc/${entry}/cmdline`).includes(`${labDir}/`) && processAlive(Number(entry))) pids.push(Number(entry));
  }
  return pids.sort((a, b) => a - b);
}

/** Top-level cgroup folders named by the nodes' `--cgroup-parent`, on cgroup v1 and v2. */
export function labCgroupDirs(prefix: string): string[] {
  const pattern = new RegExp(`^${prefix}-n\\d+$`);
  const roots = ["/sys/fs/cgroup"];
  for (const entry of readdirSync("/sys/fs/cgroup", { withFileTypes: true })) if (entry.isDirectory()) roots.push(join("/sys/fs/cgroup", entry.name));
  const found: string[] = [];
  for (const root of roots) {
    let entries: string[];
    try {
      entries = readdirSync(root);
    } catch {
      continue;
    }
    for (const name of entries) if (pattern.test(name)) found.push(join(root, name));
  }
  return found.sort();
}

/** Processes in the lab's cgroups: the containers' (and their inits'). */
export function labCgroupPids(prefix: string): number[] {
  const pids = new Set<number>();
  const collect = (dir: string): void => {
    for (const line of readOrEmpty(join(dir, "cgroup.procs")).split("\n")) if (/^\d+$/.test(line)) pids.add(Number(line));
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) collect(join(dir, entry.name));
  };
  for (const dir of labCgroupDirs(prefix)) collect(dir);
  return [...pids].filter(processAlive).sort((a, b) => a - b);
}

/** Mount points at or under the lab folder. */
export function labMounts(labDir: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((mountPoint) => mountPoint === labDir || mountPoint.startsWith(`${labDir}/`))
    .sort();
}

/** The lab's network namespaces (`<prefix>-sw`, `<prefix>-n…`). */
export function labNetworkNamespaces(prefix: string): string[] {
  if (!existsSync("/run/netns")) return [];
  return readdirSync("/run/netns")
    .filter((name) => name.startsWith(`${prefix}-`))
    .sort();
}

/** Interfaces of the host's namespace whose name starts with the prefix. */
export async function hostLabInterfaces(prefix: string): Promise<string[]> {
  const { stdout } = await run("ip", ["-o", "link", "show"], { encoding: "utf8" });
  return stdout
    .split("\n")
    .map((line) => (line.split(": ")[1] ?? "").replace(/@.*/, ""))
    .filter((name) => name.startsWith(prefix))
    .sort();
}

/** The shim sockets the lab's containerds recorded for their tasks (`…/io.containerd.runtime.v2.task/<ns>/<id>/address`). */
export function labShimSockets(labDir: string): string[] {
  const sockets: string[] = [];
  if (!existsSync(labDir)) return sockets;
  for (const node of readdirSync(labDir)) {
    const tasks = join(labDir, node, "run/containerd/daemon/io.containerd.runtime.v2.task");
    if (!existsSync(tasks)) continue;
    for (const namespace of readdirSync(tasks)) {
      for (const id of readdirSync(join(tasks, namespace))) {
        const address = readOrEmpty(join(tasks, namespace, id, "address")).trim();
        if (address.startsWith("unix://")) sockets.push(address.slice("unix://".length));
      }
    }
  }
  return sockets.sort();
}

/** Everything of the lab still on the machine, by kind; every list empty once `down` is done. */
export interface LabLeftovers {
  readonly processes: readonly number[];
  readonly mounts: readonly string[];
  readonly networkNamespaces: readonly string[];
  readonly interfaces: readonly string[];
  readonly cgroups: readonly string[];
  readonly folder: readonly string[];
}

/** Looks for every kind of thing a lab makes, independently of the script's own check. */
export async function labLeftovers(labDir: string, prefix: string): Promise<LabLeftovers> {
  return {
    processes: [...new Set([...labDaemonPids(labDir), ...labCgroupPids(prefix)])].sort((a, b) => a - b),
    mounts: labMounts(labDir),
    networkNamespaces: labNetworkNamespaces(prefix),
    interfaces: await hostLabInterfaces(prefix),
    cgroups: labCgroupDirs(prefix),
    folder: existsSync(labDir) ? [labDir] : [],
  };
}

/** The leftovers of a machine the lab was removed from. */
export const NO_LEFTOVERS: LabLeftovers = { processes: [], mounts: [], networkNamespaces: [], interfaces: [], cgroups: [], folder: [] };

/** RSS in MB of a process (VmRSS), 0 when it is gone. */
export function rssMegabytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readOrEmpty(`/proc/${pid}/status`));
  return match?.[1] ? Number(match[1]) / 1024 : 0;
}

/** The pid in a pidfile, or undefined. */
export function pidFrom(pidFile: string): number | undefined {
  const text = readOrEmpty(pidFile).trim();
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** node N's dockerd and containerd pids, from their pidfiles. */
export function nodeDaemonPids(labDir: string, node: LabNode): { dockerd: number | undefined; containerd: number | undefined } {
  const dir = join(labDir, `n${node.index}`);
  return { dockerd: pidFrom(join(dir, "dockerd.pid")), containerd: pidFrom(join(dir, "run/containerd/containerd.pid")) };
}
