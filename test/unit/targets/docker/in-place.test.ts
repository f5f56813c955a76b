/**
 * In-place changes, planned against the in-memory engine: what can change
 * on a live container is updated or renamed (same ID, same StartedAt), what
 * cannot is recreated with a cause that says why, and applying a plan then
 * planning again is a no-op. Plans are pinned as `operation target (cause)`
 * lines, one per step.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { StackEvent } from "../../../../src/events/stack-event.js";
import { planSteps } from "../../../../src/plan/plan.js";
import { type Project, loadProject } from "../../../../src/project/project.js";
import { recordChangedByHand } from "../../../../src/targets/docker/changed-by-hand.js";
import { observe } from "../../../../src/targets/docker/observe.js";
import type { DockerPlan } from "../../../../src/targets/docker/operations.js";
import { planUp } from "../../../../src/targets/docker/planner/plan-up.js";
import { defaultUpOptions, type UpPlanOptions } from "../../../../src/targets/target.js";
import { executePlan } from "../../support/execute-plan.js";
import { MemoryEngine } from "../../support/memory-engine.js";
import { type TempProject, tempProject } from "../../support/temp-project.js";

let project: TempProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

const defaults: UpPlanOptions = defaultUpOptions("test");

const IMAGE = "tsd-test/busybox:1";
// The record of `tsd update` lives in the cache folder: this file's own.
process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), "tsd-in-place-cache-"));
const MiB = 1024 * 1024;

function load(service: string): Project {
  project ??= tempProject({});
  project.write("stack.yml", `services:\n  web:\n    image: ${IMAGE}\n${service.replace(/^/gm, "    ")}\n`);
  return loadProject({ cwd: project.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
}

async function plan(engine: MemoryEngine, loaded: Project, options: Partial<UpPlanOptions> = {}): Promise<DockerPlan> {
  return planUp(loaded.stack, loaded.graph, await observe(engine, loaded.stack), { ...defaults, ...options });
}

/** The plan's steps as `operation target (cause)`, without the network and image steps of a first run. */
function lines(planned: DockerPlan): string[] {
  return planSteps(planned).map((step) => `${step.operation} ${step.target} (${step.cause})`);
}

async function apply(engine: MemoryEngine, planned: DockerPlan, events: StackEvent[] = []): Promise<void> {
  await executePlan(engine, planned, { parallelism: 4, waitTimeoutMs: 1000, onEvent: (event) => events.push(event) });
}

/** Brings `service` up, then returns the web container as it runs. */
async function upWith(engine: MemoryEngine, service: string): Promise<{ id: string; startedAt: string | undefined }> {
  await apply(engine, await plan(engine, load(service)));
  const web = [...engine.containers.values()][0];
  if (!web) throw new Error("no container");
  return { id: web.id, startedAt: web.startedAt };
}

function only(engine: MemoryEngine) {
  const containers = [...engine.containers.values()];
  expect(containers).toHaveLength(1);
  return containers[0]!;
}

describe("in-place changes", () => {
  it("updates a changed restart policy in place: same ID, same StartedAt, new policy, then nothing to do", async () => {
    const engine = new MemoryEngine([IMAGE]);
    const before = await upWith(engine, "restart: on-failure:3");
    const changed = load("restart: always");
    const planned = await plan(engine, changed);
    expect(lines(planned)).toEqual(["update-container demo-web-1 (restart policy changed)"]);
    await apply(engine, planned);
    const web = only(engine);
    expect({ id: web.id, startedAt: web.startedAt }).toEqual(before);
    expect(web.live?.restartPolicy).toEqual({ name: "always", maximumRetryCount: 0 });
    expect(lines(await plan(engine, changed))).toEqual([]);
  });

  it("updates a memory limit with its swap, and cpus and pids together, naming each", async () => {
    const engine = new MemoryEngine([IMAGE]);
    const before = await upWith(engine, "mem_limit: 64m\ncpus: 0.5");
    const changed = load("mem_limit: 128m\ncpus: 1.5\npids_limit: 100");
    const planned = await plan(engine, changed);
    expect(lines(planned)).toEqual(["update-container demo-web-1 (memory limit, cpus, pids limit changed)"]);
    await apply(engine, planned);
    const web = only(engine);
    expect(web.id).toBe(before.id);
    expect(web.live).toMatchObject({ memoryBytes: 128 * MiB, memorySwapBytes: 256 * MiB, nanoCpus: 1.5e9, pidsLimit: 100 });
    expect(lines(await plan(engine, changed))).toEqual([]);
  });

  it("renames a container whose container_name changed, keeping its ID", async () => {
    const engine = new MemoryEngine([IMAGE]);
    const before = await upWith(engine, "container_name: old-web");
    const changed = load("container_name: new-web");
    const planned = await plan(engine, changed);
    expect(lines(planned)).toEqual(["rename-container old-web → new-web (container_name changed)"]);
    await apply(engine, planned);
    expect(only(engine)).toMatchObject({ id: before.id, name: "new-web", startedAt: before.startedAt });
    expect(lines(await plan(engine, changed))).toEqual([]);
  });

  it("renames, then updates, in one plan", async () => {
    const engine = new MemoryEngine([IMAGE]);
    await upWith(engine, "container_name: old-web");
    const planned = await plan(engine, load("container_name: new-web\nrestart: unless-stopped"));
    expect(lines(planned)).toEqual([
      "rename-container old-web → new-web (container_name changed)",
      "update-container new-web (restart policy changed)",
    ]);
    expect(planned.nodes[1]?.after).toEqual(["rename-container:old-web → new-web"]);
  });

  it("recreates for an image change, even with a restart change beside it", async () => {
    const engine = new MemoryEngine([IMAGE, "tsd-test/other:1"]);
    await upWith(engine, "restart: always");
    project?.write("stack.yml", `services:\n  web:\n    image: tsd-test/other:1\n    restart: "no"\n`);
    const loaded = loadProject({ cwd: project!.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
    const steps = lines(await plan(engine, loaded));
    expect(steps.some((line) => line.startsWith("update-container"))).toBe(false);
    expect(steps).toContain("create-container demo-web-1 (image changed)");
  });

  it("recreates, saying why, when a limit is removed (the engine cannot lift it in place)", async () => {
    const engine = new MemoryEngine([IMAGE]);
    await upWith(engine, "mem_limit: 64m");
    expect(lines(await plan(engine, load("restart: always")))).toContain("create-container demo-web-1 (memory limit removed (the engine cannot lift it in place))");
  });

  it("lifts a pids limit in place (the engine's -1)", async () => {
    const engine = new MemoryEngine([IMAGE]);
    await upWith(engine, "pids_limit: 50");
    const planned = await plan(engine, load("restart: \"no\""));
    expect(lines(planned)).toEqual(["update-container demo-web-1 (pids limit changed)"]);
    expect(planned.nodes[0]?.operation).toMatchObject({ update: { pidsLimit: -1 } });
  });

  it("sees a drift made with tsd update and plans it back to the file's values", async () => {
    const engine = new MemoryEngine([IMAGE]);
    const before = await upWith(engine, "restart: on-failure");
    await engine.updateContainer("demo-web-1", { restartPolicy: { name: "always", maximumRetryCount: 0 }, memoryBytes: 32 * MiB, memorySwapBytes: 64 * MiB });
    const loaded = load("restart: on-failure");
    // An update behind the file's back that no record knows of (docker update by hand) is not seen: the labels match.
    expect(lines(await plan(engine, loaded))).toEqual([]);
    recordChangedByHand(loaded.stack.projectId, [before.id]);
    // Lifting the drifted memory limit takes a recreate; without it, the drift is one update.
    expect(lines(await plan(engine, loaded))).toContain("create-container demo-web-1 (memory limit removed (the engine cannot lift it in place))");
    const withMemory = load("restart: on-failure\nmem_limit: 32m");
    expect(lines(await plan(engine, withMemory))).toEqual(["update-container demo-web-1 (restart policy changed)"]);
    await apply(engine, await plan(engine, withMemory));
    expect(only(engine)).toMatchObject({ id: before.id, live: { restartPolicy: { name: "on-failure", maximumRetryCount: 0 } } });
  });

  it("inspects no container on a no-op: the live-settings label says they match the file", async () => {
    const engine = new MemoryEngine([IMAGE]);
    await upWith(engine, "restart: on-failure");
    engine.calls.length = 0;
    expect(lines(await plan(engine, load("restart: on-failure")))).toEqual([]);
    expect(engine.calls.filter((call) => call.startsWith("inspectContainer"))).toEqual([]);
    // An edit of a live field is seen from the label, and only that container is read.
    expect(lines(await plan(engine, load("restart: always")))).toEqual(["update-container demo-web-1 (restart policy changed)"]);
    expect(engine.calls.filter((call) => call.startsWith("inspectContainer"))).toHaveLength(1);
  });

  it("updates a stopped container in place before starting it", async () => {
    const engine = new MemoryEngine([IMAGE]);
    await upWith(engine, "restart: on-failure");
    await engine.stopContainer("demo-web-1");
    engine.containers.forEach((container) => Object.assign(container, { exitCode: 1 }));
    const planned = await plan(engine, load("restart: always"));
    expect(lines(planned)).toEqual([
      "update-container demo-web-1 (restart policy changed)",
      "start-container demo-web-1 (not running (exited 1))",
    ]);
    expect(planned.nodes[1]?.after).toContain("update-container:demo-web-1");
  });

  it("falls back to a recreate, with a warning that says why, when the engine refuses the update", async () => {
    const engine = new MemoryEngine([IMAGE]);
    const before = await upWith(engine, "mem_limit: 128m");
    engine.memoryInUse.set("demo-web-1", 100 * MiB);
    const changed = load("mem_limit: 64m");
    const events: StackEvent[] = [];
    await apply(engine, await plan(engine, changed), events);
    const web = only(engine);
    expect(web.id).not.toBe(before.id);
    expect(web).toMatchObject({ name: "demo-web-1", state: "running", live: { memoryBytes: 64 * MiB } });
    const warnings = events.flatMap((event) => (event.type === "step" && event.phase === "warning" ? [event.message] : []));
    expect(warnings).toEqual([expect.stringMatching(/^demo-web-1: recreated, as the engine refused the change in place \(.*device or resource busy\)$/)]);
    expect(lines(await plan(engine, changed))).toEqual([]);
  });

  it("leaves in-place changes out of the config hash, so other changes still name their field", async () => {
    const engine = new MemoryEngine([IMAGE]);
    await upWith(engine, "restart: always\nenvironment: {A: '1'}");
    expect(lines(await plan(engine, load("restart: \"no\"\nenvironment: {A: '2'}")))).toContain("create-container demo-web-1 (environment.A changed)");
  });
});
