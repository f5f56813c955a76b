/**
 * When a Swarm service counts as converged, and how a failure is told;
 * and the error on an engine that is no swarm manager.
 */
import { describe, expect, it } from "vitest";
import type { ObservedService, ObservedTask } from "../../../../src/docker-api/swarm-types.js";
import { assessService } from "../../../../src/targets/swarm/assess.js";
import { requireManager } from "../../../../src/targets/swarm/connect.js";
import { failureMessage } from "../../../../src/targets/swarm/converge.js";
import { MemorySwarm } from "../../support/memory-swarm.js";

const HASH = "dev.tsd.config-hash";

function service(hash: string, updateState?: ObservedService["updateStatus"]): ObservedService {
  return {
    id: "svc",
    version: 5,
    createdAt: "t0",
    spec: { Name: "demo_web", Labels: { [HASH]: hash }, TaskTemplate: { ContainerSpec: { Image: "x" } }, Mode: { Replicated: { Replicas: 2 } } },
    ...(updateState ? { updateStatus: updateState } : {}),
  };
}

function task(slot: number, hash: string, state: ObservedTask["state"], desiredState: ObservedTask["desiredState"] = "running", error = ""): ObservedTask {
  return { id: `task${slot}${hash}${state}abcdefgh`, serviceId: "svc", slot, nodeId: `node${slot}`, desiredState, state, message: "", error, containerLabels: { [HASH]: hash }, image: "x", updatedAt: `t${slot}` };
}

describe("assessService", () => {
  it("counts only tasks of the current spec: old tasks still running do not make an update look done", () => {
    expect(assessService(service("new"), [task(1, "old", "running"), task(2, "old", "running")], "new").outcome).toBe("waiting");
    expect(assessService(service("new"), [task(1, "new", "running"), task(2, "old", "running")], "new").outcome).toBe("waiting");
    expect(assessService(service("new"), [task(1, "new", "running"), task(2, "new", "running"), task(2, "old", "shutdown", "shutdown")], "new").outcome).toBe("converged");
  });

  it("waits while an update is under way, even with every task running", () => {
    expect(assessService(service("new", { state: "updating", message: "" }), [task(1, "new", "running"), task(2, "new", "running")], "new").outcome).toBe("waiting");
  });

  it("reports a rollback with the failed task of the spec tsd sent, its node and its error", () => {
    const rolledBack = service("old", { state: "rollback_completed", message: "rollback completed" });
    const assessment = assessService(rolledBack, [task(1, "old", "running"), task(2, "old", "running"), task(1, "new", "failed", "shutdown", "task: non-zero exit (137): dockerexec: unhealthy container")], "new");
    expect(assessment.outcome).toBe("rolled-back");
    expect(failureMessage("demo_web", assessment, new Map([["node1", "lab-n1"]]))).toBe(
      "service demo_web: the update failed and was rolled back to the previous spec (rollback_completed: rollback completed); task task1newfail (slot 1) on node lab-n1: failed: task: non-zero exit (137): dockerexec: unhealthy container",
    );
  });

  it("fails at once on a rejected task (no such image on the node)", () => {
    expect(assessService(service("h"), [task(1, "h", "rejected", "shutdown", "No such image: x")], "h").outcome).toBe("failed");
  });
});

describe("requireManager", () => {
  it("says how to make an engine outside a swarm a manager", async () => {
    await expect(requireManager(new MemorySwarm({ localNodeState: "inactive", controlAvailable: false, nodeId: "", endpoint: "unix:///var/run/docker.sock" }))).rejects.toMatchObject({
      message: expect.stringContaining("is not part of a swarm"),
      hint: expect.stringContaining("docker swarm init"),
    });
    await expect(requireManager(new MemorySwarm({ localNodeState: "active", controlAvailable: false, nodeId: "w", endpoint: "e" }))).rejects.toMatchObject({ message: expect.stringContaining("worker, not a manager") });
  });
});
