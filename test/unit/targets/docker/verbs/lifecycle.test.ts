/**
 * The lifecycle verbs' order and reach, against the in-memory engine:
 * stop goes dependents first and start dependencies first, a failure skips
 * only what depends on it, restart follows `restart: true` transitively and
 * nothing else, and a missing container is reported before anything starts.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { killServices, startServices, stopServices } from "../../../../../src/targets/docker/verbs/lifecycle.js";
import { walkServices } from "../../../../../src/project/walk-services.js";
import { restartServices, servicesToRestart } from "../../../../../src/targets/docker/verbs/lifecycle-restart.js";
import type { DockerScope as StackSession } from "../../../../../src/targets/docker/verbs/containers.js";
import { loadProject, type Project } from "../../../../../src/project/project.js";
import { executePlan } from "../../../support/execute-plan.js";
import { observe } from "../../../../../src/targets/docker/observe.js";
import { planUp } from "../../../../../src/targets/docker/planner/plan-up.js";
import { MemoryEngine } from "../../../support/memory-engine.js";
import { tempProject } from "../../../support/temp-project.js";
import { defaultUpOptions } from "../../../../../src/targets/target.js";

// cache → db ← api ← web (restart: true on db and on api); worker → db without restart; solo alone.
const STACK = `
services:
  cache: {image: tsd-test/busybox:1}
  db: {image: tsd-test/busybox:1, depends_on: [cache]}
  api:
    image: tsd-test/busybox:1
    depends_on: {db: {condition: service_started, restart: true}}
  web:
    image: tsd-test/busybox:1
    depends_on: {api: {condition: service_started, restart: true}}
  worker: {image: tsd-test/busybox:1, depends_on: [db]}
  solo: {image: tsd-test/busybox:1}
`;

/** The project of `yaml`, in a folder removed when the test ends. */
function load(yaml: string): Project {
  const folder = tempProject({ "stack.yml": yaml });
  onTestFinished(() => folder.cleanup());
  return loadProject({ cwd: folder.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
}

async function running(yaml = STACK, options: { readonly noStart?: boolean } = {}): Promise<StackSession> {
  const project = load(yaml);
  const engine = new MemoryEngine(["tsd-test/busybox:1"]);
  const plan = planUp(project.stack, project.graph, await observe(engine, project.stack), defaultUpOptions("test", options));
  await executePlan(engine, plan, { parallelism: 1, waitTimeoutMs: 1000 });
  engine.calls.length = 0;
  return { project, engine };
}

/** The services acted on with `call`, in call order: `stopContainer <id>` → service key. */
function servicesCalled(session: StackSession, call: string): string[] {
  const engine = session.engine as MemoryEngine;
  const serviceOf = new Map([...engine.containers.values()].map((container) => [container.id, container.labels["dev.tsd.service"] ?? "?"]));
  return engine.calls.filter((entry) => entry.startsWith(`${call} `)).map((entry) => serviceOf.get(entry.split(" ")[1] ?? "") ?? "?");
}

const noProgress = () => undefined;

describe("lifecycle order", () => {
  it("stop must stop every dependent before what it depends on", async () => {
    const session = await running();
    await stopServices(session, [], { onProgress: noProgress });
    const order = servicesCalled(session, "stopContainer");
    expect([...order].sort()).toEqual(["api", "cache", "db", "solo", "web", "worker"]);
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}: ${order.join(", ")}`).toBeLessThan(order.indexOf(b));
    before("web", "api");
    before("api", "db");
    before("worker", "db");
    before("db", "cache");
  });

  it("start must start dependencies first, and only containers that are not running", async () => {
    const session = await running();
    await stopServices(session, ["db", "cache"], { onProgress: noProgress });
    (session.engine as MemoryEngine).calls.length = 0;
    await startServices(session, [], { waitTimeoutMs: 1000, onProgress: noProgress, onWarning: noProgress });
    expect(servicesCalled(session, "startContainer")).toEqual(["cache", "db"]);
  });

  it("start must name a service without a container before starting anything", async () => {
    const session = await running();
    const engine = session.engine as MemoryEngine;
    const db = [...engine.containers.values()].find((container) => container.name === "demo-db-1");
    await stopServices(session, [], { onProgress: noProgress });
    engine.containers.delete(db?.id ?? "");
    engine.calls.length = 0;
    await expect(startServices(session, [], { waitTimeoutMs: 1000, onProgress: noProgress, onWarning: noProgress })).rejects.toThrow(
      "service db has no container; create it with `tsd up` or `tsd create`",
    );
    expect(engine.writes()).toEqual([]);
  });

  it("kill must only signal running containers", async () => {
    const session = await running();
    await stopServices(session, ["solo"], { onProgress: noProgress });
    await killServices(session, [], { signal: "SIGUSR1", onProgress: noProgress });
    expect(servicesCalled(session, "killContainer").sort()).toEqual(["api", "cache", "db", "web", "worker"]);
  });
});

describe("walkServices", () => {
  it("a failure must skip what depends on it, let unrelated services run, and be reported once", async () => {
    const project = load(STACK);
    const visited: string[] = [];
    const failure = new Error("db refused");
    const walk = walkServices(project, ["cache", "db", "api", "web", "worker", "solo"], "dependencies-first", async (service) => {
      if (service === "db") throw failure;
      visited.push(service);
    });
    await expect(walk).rejects.toBe(failure);
    expect(visited.sort()).toEqual(["cache", "solo"]);
  });

  it("orders selected services through services that are not selected", async () => {
    const project = load(STACK);
    const visited: string[] = [];
    await walkServices(project, ["cache", "web"], "dependents-first", async (service) => {
      await Promise.resolve();
      visited.push(service);
    });
    expect(visited).toEqual(["web", "cache"]);
  });
});

describe("restart", () => {
  it("reaches dependents marked restart: true, transitively, and no others", () => {
    const project = load(STACK);
    expect(servicesToRestart(project, ["db"])).toEqual(["db", "api", "web"]);
    expect(servicesToRestart(project, ["cache"])).toEqual(["cache"]);
    expect(servicesToRestart(project, ["worker"])).toEqual(["worker"]);
  });

  it("restarts db, then api, then web, and never worker", async () => {
    const session = await running();
    await restartServices(session, ["db"], { waitTimeoutMs: 1000, onProgress: noProgress, onWarning: noProgress });
    expect(servicesCalled(session, "restartContainer")).toEqual(["db", "api", "web"]);
  });

  it("refuses a named service without containers", async () => {
    const session = await running(STACK, { noStart: true });
    const engine = session.engine as MemoryEngine;
    for (const container of [...engine.containers.values()]) if (container.name === "demo-db-1") engine.containers.delete(container.id);
    await expect(restartServices(session, ["db"], { waitTimeoutMs: 1000, onProgress: noProgress, onWarning: noProgress })).rejects.toThrow("service db has no container");
    expect(engine.writes()).toEqual([]);
  });
});
