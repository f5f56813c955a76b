/**
 * A second, private `dockerd` for tests that must hurt an engine (kill it in
 * the middle of `tsd up`) or reach one in a way the main engine is not set up
 * for (TCP with TLS). Every other test shares the main engine, so this one
 * must never disturb it. Each flag is here for that:
 *
 * - `--config-file <empty>`: `/etc/docker/daemon.json` belongs to the main
 *   engine (its `hosts`, pools, …) and would apply to this one too.
 * - `--data-root`, `--exec-root`, `--pidfile`, `-H unix://…` in a temp dir:
 *   its own images, containers, volumes, state and socket. No `--containerd`:
 *   dockerd 20.10 then starts a containerd of its own under
 *   `<exec-root>/containerd` (socket, state, `moby` namespace), so the two
 *   daemons never share one and never see each other's containers.
 * - `--bridge=<its own bridge>`: a bridge interface made for it (`ip link
 *   add … type bridge`, a /24 of 10.214.0.0/16) and deleted with it. Never
 *   `--bridge=none`: a daemon started with it *deletes* `docker0` (dockerd's
 *   removeDefaultBridgeInterface), which breaks the main engine's default
 *   bridge (builds' RUN steps, `docker run`) until that engine restarts.
 * - `--iptables=false --ip-masq=false`: it never touches the host's
 *   iptables, which the main engine owns. The price: with `br_netfilter`
 *   loaded and the main engine's FORWARD policy DROP, traffic between this
 *   engine's containers is dropped. Stacks run here must not need the network
 *   (health checks run inside their own container, which is all the fault
 *   tests need).
 * - `--default-address-pool 10.213.0.0/16`: subnets that cannot clash with
 *   the main engine's.
 *
 * What a kill does (checked on this machine, dockerd 20.10): SIGKILL takes
 * dockerd's containerd with it (it is started with a parent-death signal),
 * but the containers' shims and processes live on. Restarted on the same
 * roots, dockerd finds them, kills them (no live-restore) and keeps their
 * records, as a daemon that crashed and came back does. One catch: dockerd
 * reuses the containerd named in `<exec-root>/containerd/containerd.pid`
 * when that pid is "alive", and a zombie counts as alive. This machine's
 * init reaps orphans only about a second later, so a restart right after a
 * kill would wait for a dead containerd until it times out; restart() drops
 * the pid file of a containerd that is dead or a zombie.
 *
 * The test's own view of this engine (`docker`, `projectContainers`) always
 * goes through the unix socket, so it works whatever TLS setup the TCP
 * listener has.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { promisify } from "node:util";
import type { ContainerInspectInfo } from "dockerode";
import { LABEL_PROJECT } from "../../../src/base/labels.js";
import { freeLoopbackPort } from "../up/free-port.js";
import { type DockerResult, dockerRaw } from "./docker.js";
import type { ServerTlsFiles } from "./tls-certificates.js";

const run = promisify(execFile);

/** Images the second engine gets from the main one (`docker save | docker load`): no registry. */
const IMAGES = ["tsd-test/busybox:1"];
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** How the second engine listens besides its unix socket. */
export interface SecondEngineOptions {
  /** Also listen on `tcp://127.0.0.1:<free port>` with `--tlsverify` and these files. */
  readonly tls?: ServerTlsFiles;
  /**
   * Run it in a network namespace of its own (reached through its unix
   * socket only). Needed by tests that kill and restart it: a dockerd coming
   * back after a kill deleted the host's `docker0`, the main engine's default
   * bridge, on this machine; inside its own namespace it can only touch its own.
   */
  readonly ownNetworkNamespace?: boolean;
  /** Images copied from the main engine once it answers (default: the test busybox); `[]`: an empty engine. */
  readonly images?: readonly string[];
}

/** A running private dockerd. */
export interface SecondEngine {
  /** `unix:///tmp/…/docker.sock`: what `DOCKER_HOST` is for tsd to use this engine over its socket. */
  readonly socketHost: string;
  /** `tcp://127.0.0.1:PORT` when started with `tls`. */
  readonly tcpHost: string | undefined;
  /** dockerd's (and its containerd's) output, for failure messages. */
  readonly logFile: string;
  /** Runs `docker -H <socket> ...args`; the exit status is returned, not thrown. */
  dockerRaw(args: readonly string[]): Promise<DockerResult>;
  /** Runs `docker -H <socket> ...args` and returns stdout; throws on a non-zero exit. */
  docker(args: readonly string[]): Promise<string>;
  /** `docker inspect` of every container labelled with the project, sorted by name. */
  projectContainers(projectName: string): Promise<ContainerInspectInfo[]>;
  /** True while the daemon process runs. */
  running(): boolean;
  /** Sends `signal` to dockerd and waits until it has exited. */
  kill(signal: "SIGKILL" | "SIGTERM"): Promise<void>;
  /** Starts dockerd again on the same roots (after {@link kill}) and waits until it answers. */
  restart(): Promise<void>;
  /** Removes everything it holds, stops it, and deletes its directories. Safe to call twice. */
  stop(): Promise<void>;
}

/** `GET /_ping` on the socket: true when the engine answers OK. */
function pings(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ping = request({ socketPath, path: "/_ping", timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    ping.on("error", () => resolve(false));
    ping.on("timeout", () => ping.destroy());
    ping.end();
  });
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Loads `image` from the main engine into the one at `host`. */
async function copyImage(image: string, host: string): Promise<void> {
  const save = spawn("docker", ["save", image], { stdio: ["ignore", "pipe", "pipe"] });
  const load = spawn("docker", ["-H", host, "load", "--quiet"], { stdio: ["pipe", "ignore", "pipe"] });
  save.stdout.pipe(load.stdin);
  const exited = (child: ChildProcess, what: string) =>
    new Promise<void>((resolve, reject) => {
      let stderr = "";
      child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (status) => (status === 0 ? resolve() : reject(new Error(`${what} exited with ${status}: ${stderr.trim()}`))));
    });
  await Promise.all([exited(save, `docker save ${image}`), exited(load, `docker -H ${host} load`)]);
}

/** Processes whose command line names a path under `root` (dockerd, its containerd, the containers' shims). */
function processesUnder(root: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(`${root}/`)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** The state letter of `/proc/<pid>/stat` (`R`, `S`, `Z`, …), or undefined when there is no such process. */
function processState(pid: number): string | undefined {
  try {
    // `pid (comm) S …`: comm may hold spaces, so read after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
  } catch {
    return undefined;
  }
}

/**
 * Before a restart: waits (briefly) for the containerd of the killed dockerd
 * to die, and removes its pid file once it is dead or a zombie, so the new
 * dockerd starts a containerd of its own instead of waiting on that one.
 */
async function forgetDeadContainerd(execRoot: string): Promise<void> {
  const pidFile = join(execRoot, "containerd", "containerd.pid");
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, "utf8").trim());
  } catch {
    return;
  }
  const deadline = Date.now() + 2_000;
  for (;;) {
    const state = processState(pid);
    if (state === undefined || state === "Z") {
      rmSync(pidFile, { force: true });
      return;
    }
    // Still running after a while: a live containerd, which dockerd reuses.
    if (Date.now() > deadline) return;
    await delay(50);
  }
}

/** Mount points at or under `root`, deepest first, so each is unmounted before its parent. */
function mountsUnder(root: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((mountPoint) => mountPoint === root || mountPoint.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * Last resort when the daemon could not clean up after itself (it was
 * killed and would not start again): kill the containers through runc, then
 * every process of this engine, then unmount what it left.
 */
async function sweep(root: string, execRoot: string): Promise<void> {
  const runcRoot = join(execRoot, "runtime-runc", "moby");
  const listed = await run("runc", ["--root", runcRoot, "list", "--quiet"]).catch(() => ({ stdout: "" }));
  for (const id of listed.stdout.split("\n").filter(Boolean)) {
    await run("runc", ["--root", runcRoot, "kill", id, "KILL"]).catch(() => undefined);
  }
  for (const pid of processesUnder(root)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  for (const mountPoint of mountsUnder(root)) await run("umount", ["--lazy", mountPoint]).catch(() => undefined);
}

/** A bridge interface of its own for the second engine's default network (see the module comment). */
async function createBridge(): Promise<string> {
  const suffix = randomBytes(3).toString("hex");
  const name = `tsd2br${suffix}`;
  await run("ip", ["link", "add", "name", name, "type", "bridge"]);
  await run("ip", ["addr", "add", `10.214.${randomBytes(1)[0] ?? 0}.1/24`, "dev", name]);
  await run("ip", ["link", "set", name, "up"]);
  return name;
}

/** A network namespace with its loopback up, for a second engine that must not touch the host's interfaces. */
async function createNetworkNamespace(): Promise<string> {
  const name = `tsd2ns${randomBytes(3).toString("hex")}`;
  await run("ip", ["netns", "add", name]);
  await run("ip", ["netns", "exec", name, "ip", "link", "set", "lo", "up"]);
  return name;
}

/**
 * Starts a private dockerd and waits until it answers, with the test images
 * loaded. The caller owns {@link SecondEngine.stop} (`afterAll`).
 */
export async function startSecondEngine(options: SecondEngineOptions = {}): Promise<SecondEngine> {
  // Short: the containerd socket under it must stay within the 108 bytes of a unix socket path.
  const root = mkdtempSync(join(tmpdir(), "tsd-e2-"));
  const dataRoot = join(root, "data");
  const execRoot = join(root, "exec");
  const socketPath = join(root, "docker.sock");
  const socketHost = `unix://${socketPath}`;
  const logFile = join(root, "dockerd.log");
  mkdirSync(dataRoot);
  mkdirSync(execRoot);
  writeFileSync(join(root, "daemon.json"), "{}\n");
  const namespace = options.ownNetworkNamespace ? await createNetworkNamespace() : undefined;
  const bridge = namespace === undefined ? await createBridge() : undefined;
  const port = options.tls ? await freeLoopbackPort() : undefined;
  const tcpHost = port === undefined ? undefined : `tcp://127.0.0.1:${port}`;

  const args = [
    ...["--config-file", join(root, "daemon.json"), "--data-root", dataRoot, "--exec-root", execRoot, "--pidfile", join(root, "dockerd.pid")],
    // In its own namespace the defaults are its own; on the host it must keep off docker0 and iptables.
    ...(bridge === undefined ? [] : [`--bridge=${bridge}`, "--iptables=false", "--ip-masq=false"]),
    ...["--default-address-pool", "base=10.213.0.0/16,size=24"],
    ...["-H", socketHost],
    ...(options.tls && tcpHost
      ? ["-H", tcpHost, "--tlsverify", "--tlscacert", options.tls.caFile, "--tlscert", options.tls.certFile, "--tlskey", options.tls.keyFile]
      : []),
  ];

  let daemon: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async (): Promise<void> => {
    await forgetDeadContainerd(execRoot);
    const log = openSync(logFile, "a");
    // Its own process group: a Ctrl-C in the test's terminal must not reach it before stop() does.
    // nsenter enters the network namespace only (`ip netns exec` would also remount /sys, hiding the
    // cgroup mounts dockerd needs) and execs dockerd in place, so signals reach dockerd directly.
    const [command, commandArgs] = namespace === undefined ? ["dockerd", args] : ["nsenter", [`--net=/run/netns/${namespace}`, "dockerd", ...args]];
    const child = spawn(command, commandArgs, { stdio: ["ignore", log, log], detached: true });
    closeSync(log);
    daemon = child;
    exited = new Promise((resolve) => child.once("exit", () => resolve()));
    child.unref();
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await pings(socketPath))) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the second dockerd exited while starting (${child.exitCode ?? child.signalCode}); its log:\n${logTail(logFile)}`);
      }
      if (Date.now() > deadline) throw new Error(`the second dockerd did not answer within ${START_TIMEOUT_MS} ms; its log:\n${logTail(logFile)}`);
      await delay(100);
    }
  };

  const running = () => daemon !== undefined && daemon.exitCode === null && daemon.signalCode === null;

  const kill = async (signal: "SIGKILL" | "SIGTERM"): Promise<void> => {
    if (!running()) return;
    daemon?.kill(signal);
    const timeout = delay(STOP_TIMEOUT_MS).then(() => {
      throw new Error(`the second dockerd did not exit within ${STOP_TIMEOUT_MS} ms of ${signal}`);
    });
    await Promise.race([exited, timeout]);
  };

  const engineDockerRaw = (dockerArgs: readonly string[]) => dockerRaw(["-H", socketHost, ...dockerArgs]);
  const engineDocker = async (dockerArgs: readonly string[]): Promise<string> => {
    const result = await engineDockerRaw(dockerArgs);
    if (result.status !== 0) throw new Error(`docker -H ${socketHost} ${dockerArgs.join(" ")} exited with ${result.status}: ${result.stderr.trim()}`);
    return result.stdout;
  };

  /** The daemon removes what it holds: containers (killed at once, no stop timeout), then networks, whose bridges outlive it otherwise. */
  const emptyIt = async (): Promise<void> => {
    const ids = (await engineDocker(["ps", "--all", "--quiet"])).split("\n").filter(Boolean);
    if (ids.length > 0) await engineDocker(["rm", "--force", "--volumes", ...ids]);
    await engineDocker(["network", "prune", "--force"]);
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      if (!running()) await launch();
      await emptyIt();
      await kill("SIGTERM");
    } catch (error) {
      process.stderr.write(`second engine: clean stop failed, sweeping ${root}: ${String(error)}\n`);
      await kill("SIGKILL").catch(() => undefined);
    } finally {
      await sweep(root, execRoot);
      if (bridge !== undefined) await run("ip", ["link", "delete", bridge]).catch(() => undefined);
      if (namespace !== undefined) await run("ip", ["netns", "delete", namespace]).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    }
  };

  try {
    await launch();
    for (const image of options.images ?? IMAGES) await copyImage(image, socketHost);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    socketHost,
    tcpHost,
    logFile,
    dockerRaw: engineDockerRaw,
    docker: engineDocker,
    projectContainers: async (projectName) => {
      const ids = (await engineDocker(["ps", "--all", "--quiet", "--no-trunc", "--filter", `label=${LABEL_PROJECT}=${projectName}`]))
        .split("\n")
        .filter(Boolean);
      if (ids.length === 0) return [];
      const infos = JSON.parse(await engineDocker(["container", "inspect", ...ids])) as ContainerInspectInfo[];
      return infos.sort((a, b) => a.Name.localeCompare(b.Name));
    },
    running,
    kill,
    restart: launch,
    stop,
  };
}
