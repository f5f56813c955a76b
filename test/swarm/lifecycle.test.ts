/**
 * scripts/swarm-lab.sh's own promises: `up` on a running lab changes
 * nothing; `up` after a crash (every dockerd, containerd and shim killed
 * with SIGKILL, as the OOM killer or a power cut would) sweeps what the dead
 * lab left and makes a new swarm; `down` leaves nothing of the lab on the
 * machine: no process, mount, namespace, interface, cgroup or folder.
 *
 * Each test leaves a 3-node lab running at the same sockets, so the other
 * files of the project work whichever runs first. The figures (bring-up,
 * teardown, memory per node) are printed for docs/swarm-lab.md.
 */
import { existsSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, inject, it } from "vitest";
import { eventually } from "../integration/support/eventually.js";
import {
  labCgroupDirs,
  labCgroupPids,
  labDaemonPids,
  labLeftovers,
  labMounts,
  labShimSockets,
  managerHostFrom,
  NO_LEFTOVERS,
  type LabNode,
  nodeDaemonPids,
  nodeDocker,
  processAlive,
  rssMegabytes,
  runLabScript,
  type ScriptResult,
} from "./support/lab.js";

const lab = inject("swarmLab");
const manager: LabNode = lab.nodes[0] ?? missingNode();

function missingNode(): never {
  throw new Error("the swarm lab has no nodes");
}

function expectSuccess(result: ScriptResult, what: string): void {
  expect(result.status, `${what} failed:\n${result.stderr}`).toBe(0);
}

async function nodeIds(): Promise<string[]> {
  return (await nodeDocker(manager, ["node", "ls", "--quiet"])).split("\n").filter(Boolean).sort();
}

async function readyNodeNames(): Promise<string[]> {
  return (await nodeDocker(manager, ["node", "ls", "--format", "{{.Hostname}} {{.Status}}"]))
    .split("\n")
    .filter((line) => line.endsWith(" Ready"))
    .map((line) => line.split(" ")[0] ?? "")
    .sort();
}

/** A global service with a host-mode port: shims, mounts, cgroups, docker-proxy and overlay state on every node. */
async function runServiceEverywhere(name: string): Promise<void> {
  await nodeDocker(manager, [
    ...["service", "create", "--detach", "--no-resolve-image", "--name", name, "--mode", "global", "--init", "--stop-grace-period", "1s"],
    ...["--publish", "mode=host,target=8080,published=18081", "tsd-test/busybox:1", "httpd", "-f", "-p", "8080", "-h", "/www"],
  ]);
  await eventually(async () => {
    const states = (await nodeDocker(manager, ["service", "ps", name, "--filter", "desired-state=running", "--format", "{{.CurrentState}}"]))
      .split("\n")
      .filter(Boolean);
    expect(states).toHaveLength(lab.nodes.length);
    for (const state of states) expect(state).toMatch(/^Running /);
  }, 60_000);
}

/** Brings the lab up and checks it is the lab the other files expect. */
async function upAndCheck(): Promise<ScriptResult> {
  const up = await runLabScript(["up", String(lab.nodes.length)]);
  expectSuccess(up, "swarm-lab.sh up");
  expect(managerHostFrom(up.stdout)).toBe(lab.managerHost);
  expect(await readyNodeNames()).toEqual(lab.nodes.map((node) => node.name).sort());
  return up;
}

describe("scripts/swarm-lab.sh", () => {
  it("up on a running lab must reuse it: same manager socket, same nodes", async () => {
    const before = await nodeIds();
    const up = await upAndCheck();
    expect(up.stdout.trim().split("\n")).toHaveLength(1);
    expect(await nodeIds()).toEqual(before);
  });

  it("status must list every node with its address and socket, and exit 0 when all are Ready", async () => {
    const status = await runLabScript(["status"]);
    expectSuccess(status, "swarm-lab.sh status");
    for (const node of lab.nodes) expect(status.stdout).toMatch(new RegExp(`^${node.name} +${node.address.replaceAll(".", "\\.")} +\\d+ .* ${node.host}$`, "m"));
  });

  it("up after a crash (dockerd, containerd and shims SIGKILLed) must sweep what the dead lab left and make a new swarm", async () => {
    await runServiceEverywhere("lab-crash");
    const oldNodeIds = await nodeIds();
    const oldContainerPids = labCgroupPids(lab.prefix);
    const oldShimSockets = labShimSockets(lab.labDir);
    expect(oldContainerPids.length).toBeGreaterThanOrEqual(lab.nodes.length);
    expect(oldShimSockets).toHaveLength(lab.nodes.length);

    const daemons = labDaemonPids(lab.labDir);
    for (const pid of daemons) process.kill(pid, "SIGKILL");
    await eventually(() => expect(daemons.filter(processAlive)).toEqual([]), 10_000);
    // What the sweep must deal with is really there: mounts, cgroups, orphaned containers, shim sockets.
    expect(labMounts(lab.labDir).length).toBeGreaterThan(0);
    expect(labCgroupDirs(lab.prefix).length).toBeGreaterThan(0);
    expect(oldContainerPids.filter(processAlive).length).toBeGreaterThan(0);
    expect(oldShimSockets.filter((socket) => existsSync(socket)).length).toBeGreaterThan(0);

    await upAndCheck();
    expect(await nodeIds()).not.toEqual(oldNodeIds);
    expect((await nodeDocker(manager, ["service", "ls", "--quiet"])).trim()).toBe("");
    expect(oldContainerPids.filter(processAlive)).toEqual([]);
    expect(oldShimSockets.filter((socket) => existsSync(socket))).toEqual([]);
  });

  it("down must leave no process, mount, namespace, interface, cgroup or folder of the lab; up must make it again from nothing", async () => {
    await runServiceEverywhere("lab-down");
    const shimSockets = labShimSockets(lab.labDir);

    const down = await runLabScript(["down"]);
    expectSuccess(down, "swarm-lab.sh down");
    expect(await labLeftovers(lab.labDir, lab.prefix)).toEqual(NO_LEFTOVERS);
    expect(shimSockets.filter((socket) => existsSync(socket))).toEqual([]);
    // Down again: nothing to do, still a success.
    expectSuccess(await runLabScript(["down"]), "a second swarm-lab.sh down");

    const up = await upAndCheck();
    // Idle figures, once the nodes have settled.
    await delay(2_000);
    const perNode = lab.nodes.map((node) => {
      const { dockerd, containerd } = nodeDaemonPids(lab.labDir, node);
      return { node: node.name, dockerdMb: rssMegabytes(dockerd ?? 0), containerdMb: rssMegabytes(containerd ?? 0) };
    });
    for (const { dockerdMb, containerdMb } of perNode) {
      expect(dockerdMb).toBeGreaterThan(0);
      expect(containerdMb).toBeGreaterThan(0);
    }
    const memory = perNode.map(({ node, dockerdMb, containerdMb }) => `${node} ${dockerdMb.toFixed(0)}+${containerdMb.toFixed(0)} MB`).join(", ");
    console.log(
      `swarm lab figures: teardown with a global service ${down.seconds.toFixed(1)} s; ` +
        `bring-up from nothing to ${lab.nodes.length} Ready ${up.seconds.toFixed(1)} s; idle RSS dockerd+containerd: ${memory}`,
    );
  });
});
