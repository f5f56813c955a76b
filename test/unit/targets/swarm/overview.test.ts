/**
 * The dashboard's Swarm pane (src/targets/swarm/overview.ts) and its
 * timeline lines (src/ui/web/event-text.ts): tasks per node, desired against
 * current state, and a rolling update's progress as a user reads it.
 */
import { describe, expect, it } from "vitest";
import type { ObservedNode, ObservedService, ObservedTask } from "../../../../src/docker-api/swarm-types.js";
import { swarmOverview } from "../../../../src/targets/swarm/overview.js";
import { swarmTimeline } from "../../../../src/ui/web/event-text.js";

const HASH = "dev.tsd.config-hash";
const SERVICE = "dev.tsd.service";

const nodes: ObservedNode[] = [
  { id: "n2", hostname: "lab-n2", role: "worker", state: "ready", availability: "active" },
  { id: "n1", hostname: "lab-n1", role: "manager", state: "ready", availability: "active" },
  { id: "n3", hostname: "lab-n3", role: "worker", state: "down", availability: "active" },
];

function service(hash: string, replicas: number, updateStatus?: ObservedService["updateStatus"]): ObservedService {
  return {
    id: "svc",
    version: 7,
    createdAt: "t0",
    spec: { Name: "demo_web", Labels: { [HASH]: hash, [SERVICE]: "web" }, TaskTemplate: { ContainerSpec: { Image: "x" } }, Mode: { Replicated: { Replicas: replicas } } },
    ...(updateStatus ? { updateStatus } : {}),
  };
}

function task(id: string, slot: number, node: string, hash: string, state: ObservedTask["state"], desiredState: ObservedTask["desiredState"] = "running", error = ""): ObservedTask {
  return { id, serviceId: "svc", slot, nodeId: node, desiredState, state, message: "", error, containerLabels: { [HASH]: hash }, image: "x", updatedAt: `t-${id}` };
}

describe("swarmOverview", () => {
  it("must show a rolling update half done: tasks of the new spec running, old ones still meant to run, Swarm's update state", () => {
    const tasks = [
      task("a", 1, "n1", "new", "running"),
      task("b", 2, "n2", "old", "running"),
      task("c", 3, "n2", "new", "starting"),
      task("d", 3, "n1", "old", "shutdown", "shutdown"),
    ];
    const overview = swarmOverview([service("new", 3, { state: "updating", message: "update in progress" })], tasks, nodes);
    expect(overview.services).toEqual([
      { service: "web", name: "demo_web", mode: "replicated", running: 1, desired: 3, stale: 1, updateState: "updating", updateMessage: "update in progress", outcome: "waiting", reason: "update updating" },
    ]);
    // The shut-down task of the old spec is history: not shown.
    expect(overview.tasks.map((shown) => [shown.id, shown.node, shown.desiredState, shown.currentState, shown.current])).toEqual([
      ["a", "lab-n1", "running", "running", true],
      ["b", "lab-n2", "running", "running", false],
      ["c", "lab-n2", "running", "starting", true],
    ]);
    expect(overview.nodes.map((node) => `${node.hostname} ${node.state}`)).toEqual(["lab-n1 ready", "lab-n2 ready", "lab-n3 down"]);
  });

  it("must keep the last failed tasks with their errors, and an unplaced task without a node", () => {
    const tasks = [
      task("p", 1, "", "h", "pending"),
      ...["f1", "f2", "f3", "f4"].map((id) => task(id, 1, "n2", "h", "failed", "shutdown", `exit ${id}`)),
    ];
    const overview = swarmOverview([service("h", 1)], tasks, nodes);
    expect(overview.tasks.map((shown) => `${shown.id} ${shown.node || "-"} ${shown.currentState} ${shown.error}`)).toEqual(["f2 lab-n2 failed exit f2", "f3 lab-n2 failed exit f3", "f4 lab-n2 failed exit f4", "p - pending "]);
    expect(overview.services[0]).toMatchObject({ running: 0, desired: 1, outcome: "failed" });
  });
});

describe("swarmTimeline", () => {
  it("must tell each task that appeared or changed state, once", () => {
    const before = swarmOverview([service("h", 2)], [task("a", 1, "n1", "h", "starting")], nodes);
    const after = swarmOverview([service("h", 2)], [task("a", 1, "n1", "h", "running"), task("b", 2, "n2", "h", "failed", "running", "exit 3")], nodes);
    expect(swarmTimeline(before, after, 5).map((entry) => `${entry.tone} ${entry.text}`)).toEqual(["good task web.1 on lab-n1: starting → running", "bad task web.2 on lab-n2: failed"]);
    expect(swarmTimeline(after, after, 6)).toEqual([]);
    expect(swarmTimeline(undefined, after, 7)).toEqual([]);
  });
});
