/**
 * The planner, pinned as text against an in-memory engine: what `tsd plan`
 * prints for the situations users meet, and that applying a plan then
 * planning again is a no-op.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Project, loadProject } from "../../../../src/project/project.js";
import { executePlan } from "../../support/execute-plan.js";
import { observe } from "../../../../src/targets/docker/observe.js";
import { formatPlan } from "../../../../src/plan/format.js";
import type { DockerPlan as Plan } from "../../../../src/targets/docker/operations.js";
import { planDown } from "../../../../src/targets/docker/planner/plan-down.js";
import { planUp } from "../../../../src/targets/docker/planner/plan-up.js";
import { defaultUpOptions, type UpPlanOptions } from "../../../../src/targets/target.js";
import { MemoryEngine } from "../../support/memory-engine.js";
import { type TempProject, tempProject } from "../../support/temp-project.js";

let project: TempProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

const defaults: UpPlanOptions = defaultUpOptions("test");

function load(yaml: string): Project {
  project ??= tempProject({});
  project.write("stack.yml", yaml);
  return loadProject({ cwd: project.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
}

async function plan(engine: MemoryEngine, loaded: Project, options: Partial<UpPlanOptions> = {}): Promise<Plan> {
  return planUp(loaded.stack, loaded.graph, await observe(engine, loaded.stack), { ...defaults, ...options });
}

async function apply(engine: MemoryEngine, planned: Plan): Promise<void> {
  await executePlan(engine, planned, { parallelism: 4, waitTimeoutMs: 1000 });
}

async function upTo(engine: MemoryEngine, yaml: string, options: Partial<UpPlanOptions> = {}): Promise<Project> {
  const loaded = load(yaml);
  await apply(engine, await plan(engine, loaded, options));
  return loaded;
}

const WEB_AND_DB = `
services:
  db:
    image: tsd-test/busybox:1
    volumes: [/var/lib/data]
    healthcheck: {test: [CMD, "true"], interval: 1s}
  web:
    image: tsd-test/busybox:1
    environment: {API_URL: http://db}
    ports: ["127.0.0.1:8080:80"]
    depends_on: {db: {condition: service_healthy}}
`;

describe("planUp", () => {
  it("creates everything from nothing, in dependency order, with causes", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    expect(formatPlan(await plan(engine, load(WEB_AND_DB)))).toBe(
      [
        "  + create network demo_default  (not found)",
        "  + create container demo-db-1  (not found)",
        "      after create network demo_default",
        "  > start container demo-db-1",
        "      after create container demo-db-1",
        "  + create container demo-web-1  (not found)",
        "      after create network demo_default",
        // The wait for db gates web's start: it is printed under it, with what it waits for.
        "  > start container demo-web-1",
        "      after create container demo-web-1",
        "      … wait db healthy (for web)  (depends_on db)",
        "          after start container demo-db-1",
        "",
        "3 to create, 0 to recreate, 0 to remove",
      ].join("\n"),
    );
  });

  it("pins a diamond of dependencies: each side waits for the base, the top for both sides", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const diamond = `
services:
  base: {image: tsd-test/busybox:1, healthcheck: {test: [CMD, "true"], interval: 1s}}
  left: {image: tsd-test/busybox:1, depends_on: {base: {condition: service_healthy}}}
  right: {image: tsd-test/busybox:1, depends_on: [base]}
  top: {image: tsd-test/busybox:1, depends_on: [left, right]}
`;
    expect(formatPlan(await plan(engine, load(diamond)))).toBe(
      [
        "  + create network demo_default  (not found)",
        "  + create container demo-base-1  (not found)",
        "      after create network demo_default",
        "  > start container demo-base-1",
        "      after create container demo-base-1",
        "  + create container demo-left-1  (not found)",
        "      after create network demo_default",
        "  > start container demo-left-1",
        "      after create container demo-left-1",
        "      … wait base healthy (for left)  (depends_on base)",
        "          after start container demo-base-1",
        "  + create container demo-right-1  (not found)",
        "      after create network demo_default",
        "  > start container demo-right-1",
        "      after create container demo-right-1",
        "      … wait base started (for right)  (depends_on base)",
        "          after start container demo-base-1",
        "  + create container demo-top-1  (not found)",
        "      after create network demo_default",
        // The top of the diamond waits for both sides, each of which waits for the base.
        "  > start container demo-top-1",
        "      after create container demo-top-1",
        "      … wait left started (for top)  (depends_on left)",
        "          after start container demo-left-1",
        "      … wait right started (for top)  (depends_on right)",
        "          after start container demo-right-1",
        "",
        "5 to create, 0 to recreate, 0 to remove",
      ].join("\n"),
    );
  });

  it("is a no-op once applied: nothing to do, no write to the engine", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const loaded = await upTo(engine, WEB_AND_DB);
    const writes = engine.writes().length;
    const again = await plan(engine, loaded);
    expect(formatPlan(again)).toBe("nothing to do");
    await apply(engine, again);
    expect(engine.writes().length).toBe(writes);
  });

  it("recreates exactly the container whose environment changed, naming the field, keeping its anonymous volume", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    await upTo(engine, WEB_AND_DB);
    const dbBefore = [...engine.containers.values()].find((container) => container.name === "demo-db-1");
    const changed = load(WEB_AND_DB.replace("http://db", "http://db:5432").replace("volumes: [/var/lib/data]", "volumes: [/var/lib/data]\n    environment: {MODE: fast}"));
    const planned = await plan(engine, changed);
    const text = formatPlan(planned);
    expect(text).toContain(" || stop container demo-db-1  (environment.MODE changed)\n");
    expect(text).toContain("\n-/+ recreate container demo-db-1  (environment.MODE changed)\n");
    expect(text).toContain("\n-/+ recreate container demo-web-1  (environment.API_URL changed)\n");
    expect(text.split("\n").at(-1)).toBe("0 to create, 2 to recreate, 0 to remove");
    await apply(engine, planned);
    const dbAfter = [...engine.containers.values()].find((container) => container.name === "demo-db-1");
    expect(dbAfter?.id).not.toBe(dbBefore?.id);
    expect(dbAfter?.mounts.find((mount) => mount.destination === "/var/lib/data")?.name).toBe(dbBefore?.mounts.find((mount) => mount.destination === "/var/lib/data")?.name);
    expect(formatPlan(await plan(engine, changed))).toBe("nothing to do");
  });

  it("recreates only web when only web's environment changed", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    await upTo(engine, WEB_AND_DB);
    const planned = await plan(engine, load(WEB_AND_DB.replace("http://db", "http://other")));
    expect(new Set(planned.nodes.map((node) => node.subject.key))).toEqual(new Set(["web"]));
    expect(formatPlan(planned)).toMatch(/^ \|\| stop container demo-web-1 {2}\(environment\.API_URL changed\)\n/);
    expect(formatPlan(planned)).toContain("  > start container demo-web-1\n      after recreate container demo-web-1\n      … wait db healthy (for web)  (depends_on db)\n");
  });

  it("recreates when the image changed", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1", "tsd-test/busybox:2"]);
    await upTo(engine, WEB_AND_DB);
    const text = formatPlan(await plan(engine, load(WEB_AND_DB.replace(/busybox:1\n    environment/, "busybox:2\n    environment"))));
    expect(text).toContain("\n-/+ recreate container demo-web-1  (image changed)\n");
  });

  it("scales up and down by replica number", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const stack = "services:\n  worker:\n    image: tsd-test/busybox:1\n    scale: 3\n";
    await upTo(engine, stack);
    expect([...engine.containers.values()].map((container) => container.name).sort()).toEqual(["demo-worker-1", "demo-worker-2", "demo-worker-3"]);
    const down = formatPlan(await plan(engine, load(stack), { scale: { worker: 1 } }));
    expect(down).toBe(
      [
        " || stop container demo-worker-2  (scale 3 → 1)",
        "  - remove container demo-worker-2  (scale 3 → 1)",
        "      after stop container demo-worker-2",
        " || stop container demo-worker-3  (scale 3 → 1)",
        "  - remove container demo-worker-3  (scale 3 → 1)",
        "      after stop container demo-worker-3",
        "",
        "0 to create, 0 to recreate, 2 to remove",
      ].join("\n"),
    );
    const up = formatPlan(await plan(engine, load(stack), { scale: { worker: 4 } }));
    expect(up).toBe(["  + create container demo-worker-4  (not found)", "  > start container demo-worker-4", "      after create container demo-worker-4", "", "1 to create, 0 to recreate, 0 to remove"].join("\n"));
  });

  it("notes orphans, and removes them only with --remove-orphans", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    await upTo(engine, WEB_AND_DB);
    const onlyDb = load("services:\n  db:\n    image: tsd-test/busybox:1\n    volumes: [/var/lib/data]\n    healthcheck: {test: [CMD, \"true\"], interval: 1s}\n");
    expect(formatPlan(await plan(engine, onlyDb))).toBe(
      "nothing to do\nnote: orphan containers (their service left the stack): demo-web-1; --remove-orphans removes them",
    );
    expect(formatPlan(await plan(engine, onlyDb, { removeOrphans: true }))).toBe(
      [" || stop container demo-web-1  (orphan)", "  - remove container demo-web-1  (orphan)", "      after stop container demo-web-1", "", "0 to create, 0 to recreate, 1 to remove"].join("\n"),
    );
  });

  it("never recreates a data container destructively: its anonymous volume moves to the new container", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const stack = (command: string) => `
data_containers:
  content:
    image: tsd-test/busybox:1
    volumes: [/www]
    command: [sh, -c, "${command}"]
services:
  web:
    image: tsd-test/busybox:1
    volumes_from: [content]
`;
    await upTo(engine, stack("echo one > /www/index.html"));
    const before = [...engine.containers.values()].find((container) => container.name === "demo-content");
    expect(formatPlan(await plan(engine, load(stack("echo one > /www/index.html"))))).toBe("nothing to do");
    const planned = await plan(engine, load(stack("echo two > /www/index.html")));
    expect(formatPlan(planned)).toContain("\n-/+ recreate container demo-content  (command changed)\n");
    expect(formatPlan(planned)).toContain("\n  > run data container demo-content  (seed)\n      after recreate container demo-content\n");
    expect(formatPlan(planned)).toContain(" || stop container demo-web-1  (content recreated (volumes_from))\n      after run data container demo-content\n");
    expect(formatPlan(planned)).toContain("\n-/+ recreate container demo-web-1  (content recreated (volumes_from))\n");
    expect(planned.nodes.filter((node) => node.operation.kind === "remove-container").every((node) => node.operation.kind === "remove-container" && !node.operation.removeVolumes)).toBe(true);
    await apply(engine, planned);
    const after = [...engine.containers.values()].find((container) => container.name === "demo-content");
    expect(after?.mounts[0]?.name).toBe(before?.mounts[0]?.name);
  });

  it("refuses to recreate a data container whose new definition no longer mounts one of its volumes, and plans nothing", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const stack = (path: string) => `data_containers:\n  content:\n    image: tsd-test/busybox:1\n    volumes: [${path}]\n`;
    await upTo(engine, stack("/www"));
    const writes = engine.writes().length;
    await expect(plan(engine, load(stack("/srv/www")))).rejects.toThrow(/data container content: its new definition no longer mounts \/www \(volume /);
    expect(formatPlan(await plan(engine, load(stack("/www, /srv/www"))))).toContain("-/+ recreate container demo-content  (volumes changed)");
    expect(engine.writes().slice(writes)).toEqual([]);
  });

  it("refuses a same-named project from another folder", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    await upTo(engine, WEB_AND_DB);
    for (const container of engine.containers.values()) container.labels = { ...container.labels, "dev.tsd.project.id": "elsewhere", "dev.tsd.project.dir": "/other/folder" };
    await expect(plan(engine, load(WEB_AND_DB))).rejects.toThrow(/project "demo" on this engine belongs to another folder \(\/other\/folder\)/);
  });
});

describe("planUp with noStart (tsd create, up --no-start)", () => {
  it("creates networks and containers in dependency order and starts nothing, awaits nothing", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    expect(formatPlan(await plan(engine, load(WEB_AND_DB), { noStart: true }))).toBe(
      [
        "  + create network demo_default  (not found)",
        "  + create container demo-db-1  (not found)",
        "      after create network demo_default",
        "  + create container demo-web-1  (not found)",
        "      after create network demo_default",
        "",
        "3 to create, 0 to recreate, 0 to remove",
      ].join("\n"),
    );
  });

  it("leaves created and stopped containers as they are, and a following up starts them", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const loaded = load(WEB_AND_DB);
    await apply(engine, await plan(engine, loaded, { noStart: true }));
    expect([...engine.containers.values()].map((container) => container.state)).toEqual(["created", "created"]);
    expect(formatPlan(await plan(engine, loaded, { noStart: true }))).toBe("nothing to do");
    expect(formatPlan(await plan(engine, loaded)).split("\n")).toEqual([
      "  > start container demo-db-1  (not running (created))",
      "  > start container demo-web-1  (not running (created))",
      "      … wait db healthy (for web)  (depends_on db)",
      "          after start container demo-db-1",
      "",
      "0 to create, 0 to recreate, 0 to remove, 2 to start",
    ]);
  });

  it("recreates a changed container without starting the new one", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    await upTo(engine, WEB_AND_DB);
    const planned = await plan(engine, load(WEB_AND_DB.replace("http://db", "http://other")), { noStart: true });
    expect(formatPlan(planned)).toBe(
      [
        " || stop container demo-web-1  (environment.API_URL changed)",
        "  ~ rename container demo-web-1 → ${ID}_demo-web-1",
        "      after stop container demo-web-1",
        "-/+ recreate container demo-web-1  (environment.API_URL changed)",
        "      after rename container demo-web-1 → ${ID}_demo-web-1",
        // The container the recreate replaced: part of the recreate, not counted as a removal.
        "  - remove container ${ID}_demo-web-1  (environment.API_URL changed)",
        "      after recreate container demo-web-1",
        "",
        "0 to create, 1 to recreate, 0 to remove",
      ].join("\n").replaceAll("${ID}", [...engine.containers.values()].find((container) => container.name === "demo-web-1")?.id.slice(0, 12) ?? "?"),
    );
  });

  it("creates a data container without running its seed command", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const stack = "data_containers:\n  content:\n    image: tsd-test/busybox:1\n    volumes: [/www]\n    command: [sh, -c, 'echo hi > /www/index.html']\n";
    expect(formatPlan(await plan(engine, load(stack), { noStart: true }))).toBe("  + create container demo-content  (not found)\n\n1 to create, 0 to recreate, 0 to remove");
  });
});

describe("planDown", () => {
  it("removes containers dependents first, then networks; keeps volumes and data containers without -v", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const loaded = await upTo(engine, `${WEB_AND_DB}\ndata_containers:\n  seed:\n    image: tsd-test/busybox:1\n    volumes: [/seed]\nvolumes:\n  keep: {}\n`.replace("volumes: [/var/lib/data]", "volumes: [/var/lib/data, keep:/keep]"));
    const planned = planDown(loaded.stack, loaded.graph, await observe(engine, loaded.stack), { volumes: false, removeOrphans: false });
    expect(formatPlan(planned)).toBe(
      [
        " || stop container demo-web-1  (down)",
        "  - remove container demo-web-1  (down)",
        "      after stop container demo-web-1",
        // db stops only after web, which depends on it.
        " || stop container demo-db-1  (down)",
        "      after stop container demo-web-1",
        "  - remove container demo-db-1  (down)",
        "      after stop container demo-db-1, stop container demo-web-1",
        "  - remove network demo_default  (down)",
        "      after remove container demo-web-1, remove container demo-db-1",
        "",
        "0 to create, 0 to recreate, 3 to remove",
      ].join("\n"),
    );
    const withVolumes = planDown(loaded.stack, loaded.graph, await observe(engine, loaded.stack), { volumes: true, removeOrphans: false });
    expect(formatPlan(withVolumes)).toContain("  - remove container demo-seed  (down)\n");
    expect(formatPlan(withVolumes)).toContain("  - remove volume demo_keep  (down -v)\n");
  });
});
