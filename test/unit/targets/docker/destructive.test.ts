/**
 * The watch loop's data-loss guard: on real `up` plans (in-memory engine),
 * an edit that would lose a volume's data is held back, whole, as pending,
 * and the rest of the edit still applies.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { type Project, loadProject } from "../../../../src/project/project.js";
import { executePlan } from "../../support/execute-plan.js";
import { type ObservedState, observe } from "../../../../src/targets/docker/observe.js";
import type { DockerPlan as Plan, DockerPlanNode as PlanNode } from "../../../../src/targets/docker/operations.js";
import { describeDockerOperation } from "../../../../src/targets/docker/operations.js";
import { planUp } from "../../../../src/targets/docker/planner/plan-up.js";
import { defaultUpOptions, type UpPlanOptions } from "../../../../src/targets/target.js";
import { destructiveReason, holdBackDestructive, type SafePlan } from "../../../../src/targets/docker/planner/destructive.js";
import { MemoryEngine } from "../../support/memory-engine.js";
import { tempProject } from "../../support/temp-project.js";

/** The watch loop plans as a detached `up` that also removes services deleted from the file. */
const WATCH_OPTIONS: UpPlanOptions = defaultUpOptions("test", { removeOrphans: true });

/** A temporary project folder, removed when the test ends; `load` (re)writes its stack.yml and loads it as project "demo". */
function projectFolder(): { load(yaml: string): Project } {
  const folder = tempProject({});
  onTestFinished(() => folder.cleanup());
  return {
    load(yaml) {
      folder.write("stack.yml", yaml);
      return loadProject({ cwd: folder.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
    },
  };
}

/** Brings `before` up on a fresh engine, then splits the plan that converges it to `after`. */
async function editPlan(before: string, after: string, options: Partial<UpPlanOptions> = {}): Promise<SafePlan & { plan: Plan; observed: ObservedState; engine: MemoryEngine }> {
  const engine = new MemoryEngine(["tsd-test/busybox:1"]);
  const folder = projectFolder();
  const first = folder.load(before);
  await executePlan(engine, planUp(first.stack, first.graph, await observe(engine, first.stack), WATCH_OPTIONS), { parallelism: 4, waitTimeoutMs: 1000 });
  const next = folder.load(after);
  const observed = await observe(engine, next.stack);
  const plan = planUp(next.stack, next.graph, observed, { ...WATCH_OPTIONS, ...options });
  return { ...holdBackDestructive({ plan, observed, stack: next.stack }), plan, observed, engine };
}

const ids = (nodes: readonly PlanNode[]) => nodes.map((node) => node.id);

const STACK = `
services:
  db:
    image: tsd-test/busybox:1
    environment: {MODE: one}
    volumes: [/var/lib/data, data:/data]
  web:
    image: tsd-test/busybox:1
    environment: {MODE: one}
    depends_on: [db]
volumes:
  data: {}
`;

describe("holdBackDestructive", () => {
  it("a recreate that keeps every volume must be applied as planned", async () => {
    const result = await editPlan(STACK, STACK.replaceAll("MODE: one", "MODE: two"));
    expect(result.pending).toEqual([]);
    expect(result.apply).toBe(result.plan);
    expect(ids(result.apply.nodes)).toContain("create-container:demo-db-1");
  });

  it("dropping a service's anonymous volume must hold back that service's whole recreate and apply the rest", async () => {
    const edited = STACK.replace("volumes: [/var/lib/data, data:/data]", "volumes: [data:/data]").replace("MODE: one}\n    depends_on", "MODE: two}\n    depends_on");
    const result = await editPlan(STACK, edited);
    expect(result.pending.map((change) => [change.subject.key, change.reasons])).toEqual([["db", ["drops anonymous volume /var/lib/data"]]]);
    // Not one step of db's recreate runs: a stop or rename alone would leave db down.
    expect(result.apply.nodes.filter((node) => node.subject.key === "db")).toEqual([]);
    expect(result.pending[0]?.nodes.map((node) => node.operation.kind).sort()).toEqual(["create-container", "remove-container", "rename-container", "start-container", "stop-container"]);
    // web's own change still applies, and waits for nothing that will not run.
    const webCreate = result.apply.nodes.find((node) => node.id === "create-container:demo-web-1");
    expect(webCreate?.cause).toBe("environment.MODE changed");
    const kept = new Set(ids(result.apply.nodes));
    for (const node of result.apply.nodes) for (const after of node.after) expect(kept.has(after), `${node.id} waits for ${after}`).toBe(true);
    await executePlan(result.engine, result.apply, { parallelism: 4, waitTimeoutMs: 1000 });
    expect((await result.engine.inspectContainer("demo-web-1"))?.state).toBe("running");
    expect((await result.engine.inspectContainer("demo-db-1"))?.mounts.map((mount) => mount.destination).sort()).toEqual(["/data", "/var/lib/data"]);
  });

  it("removing a named volume together with its mount must be pending, naming the volume", async () => {
    const edited = STACK.replace("volumes: [/var/lib/data, data:/data]", "volumes: [/var/lib/data]").replace("volumes:\n  data: {}\n", "");
    const result = await editPlan(STACK, edited);
    expect(result.pending.map((change) => [change.subject.key, change.reasons])).toEqual([["db", ["detaches volume demo_data, which left the stack"]]]);
    expect(result.apply.nodes).toEqual([]);
  });

  it("moving a mount to another declared volume must not count as data loss", async () => {
    const edited = `${STACK.replace("data:/data]", "other:/data]")}  other: {}\n`;
    const result = await editPlan(STACK, edited);
    expect(result.pending).toEqual([]);
  });

  it("removing a service must apply when its containers hold no volume, and be pending when they do", async () => {
    const withoutWeb = STACK.replace(/ {2}web:\n(?: {4}.*\n)+/, "");
    const webGone = await editPlan(STACK, withoutWeb);
    expect(webGone.pending).toEqual([]);
    expect(ids(webGone.apply.nodes)).toEqual(["stop-container:demo-web-1", "remove-container:demo-web-1"]);

    const withoutDb = STACK.replace(/ {2}db:\n(?: {4}.*\n)+/, "").replace("    depends_on: [db]\n", "");
    const dbGone = await editPlan(STACK, withoutDb);
    expect(dbGone.pending.map((change) => [change.subject.key, change.reasons])).toEqual([
      ["db", ["removes demo-db-1, leaving its anonymous volumes (/var/lib/data) behind"]],
    ]);
  });

  it("removing a data container must be pending", async () => {
    const withData = `${STACK}data_containers:\n  seed:\n    image: tsd-test/busybox:1\n    volumes: [/seed]\n`;
    const result = await editPlan(withData, STACK);
    expect(result.pending.map((change) => [change.subject, change.reasons])).toEqual([
      [{ kind: "data-container", key: "seed" }, ["removes data container demo-seed"]],
    ]);
  });

  it("renewing anonymous volumes must be pending", async () => {
    const result = await editPlan(STACK, STACK.replaceAll("MODE: one", "MODE: two"), { renewAnonVolumes: true });
    expect(result.pending.map((change) => change.subject.key)).toEqual(["db"]);
    expect(result.pending[0]?.reasons).toEqual(["drops anonymous volume /var/lib/data"]);
  });
});

describe("destructiveReason", () => {
  const node = (operation: PlanNode["operation"]): PlanNode => ({ id: "n", operation, ...describeDockerOperation(operation), subject: { kind: "volume", key: "v" }, cause: "", after: [] });

  it("removing a volume, or a container with its volumes, must be destructive; creating and starting must not", () => {
    const emptyContext = { plan: { nodes: [], notes: [] }, observed: { containers: [], foreignDirectories: [], networks: {}, volumes: {}, images: {} }, stack: projectFolder().load("services: {a: {image: x}}\n").stack };
    expect(destructiveReason(node({ kind: "remove-volume", name: "demo_data" }), emptyContext)).toBe("removes volume demo_data");
    expect(destructiveReason(node({ kind: "remove-container", name: "demo-db-1", removeVolumes: true }), emptyContext)).toBe("removes demo-db-1 with its anonymous volumes");
    expect(destructiveReason(node({ kind: "start-container", name: "demo-db-1" }), emptyContext)).toBeUndefined();
    expect(destructiveReason(node({ kind: "remove-network", name: "demo_default" }), emptyContext)).toBeUndefined();
  });
});
