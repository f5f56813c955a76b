/**
 * The executor under failure and interruption, against an in-memory engine:
 * a failed operation stops only what depends on it, an unreachable engine
 * stops everything, and an aborted signal starts nothing new.
 */
import { afterEach, describe, expect, it } from "vitest";
import { EngineError, EngineUnavailableError } from "../../../src/base/errors.js";
import { loadProject } from "../../../src/project/project.js";
import { PlanFailedError, PlanInterruptedError } from "../../../src/plan/outcome.js";
import type { StackEvent } from "../../../src/events/stack-event.js";
import { executePlan } from "../support/execute-plan.js";
import { observe } from "../../../src/targets/docker/observe.js";
import type { DockerPlan as Plan } from "../../../src/targets/docker/operations.js";
import { planUp } from "../../../src/targets/docker/planner/plan-up.js";
import { MemoryEngine } from "../support/memory-engine.js";
import { type TempProject, tempProject } from "../support/temp-project.js";
import { defaultUpOptions } from "../../../src/targets/target.js";

const STACK = `
services:
  web: {image: tsd-test/busybox:1}
  front: {image: tsd-test/busybox:1, depends_on: [web]}
  other: {image: tsd-test/busybox:1}
`;

/** Fails every start of `name` (every start: `*`) with `error`. */
class FailingStartEngine extends MemoryEngine {
  constructor(
    private readonly name: string,
    private readonly error: Error,
  ) {
    super(["tsd-test/busybox:1"]);
  }

  override async startContainer(id: string): Promise<void> {
    if (this.name !== "*" && id !== this.name) return super.startContainer(id);
    this.calls.push(`startContainer ${id}`);
    throw this.error;
  }
}

let project: TempProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

async function planFor(engine: MemoryEngine): Promise<Plan> {
  project = tempProject({ "stack.yml": STACK });
  const loaded = loadProject({ cwd: project.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
  const options = defaultUpOptions("test");
  return planUp(loaded.stack, loaded.graph, await observe(engine, loaded.stack), options);
}

function states(engine: MemoryEngine): Record<string, string> {
  return Object.fromEntries([...engine.containers.values()].map((container) => [container.name, container.state]).sort());
}

describe("executePlan", () => {
  it("a failed operation must stop only its dependents: independent services still converge, and the error names the service and what was not started", async () => {
    const engine = new FailingStartEngine("demo-web-1", new EngineError("host port 127.0.0.1:8080 is already in use", "free it"));
    const plan = await planFor(engine);
    const events: StackEvent[] = [];

    const failure = await executePlan(engine, plan, { parallelism: 4, waitTimeoutMs: 1000, onEvent: (event) => events.push(event) }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PlanFailedError);
    expect((failure as PlanFailedError).message).toBe("service web: host port 127.0.0.1:8080 is already in use\nnot started, as they depend on what failed: front");
    expect((failure as PlanFailedError).hint).toBe("free it");
    expect(states(engine)).toEqual({ "demo-front-1": "created", "demo-other-1": "running", "demo-web-1": "created" });
    expect(events.flatMap((event) => (event.type === "step" && event.phase === "skipped" ? [event.step.id] : []))).toContain("start-container:demo-front-1");
  });

  it("an unreachable engine must stop everything and be thrown as it is", async () => {
    const unreachable = new EngineUnavailableError("no Docker engine answered at unix:///var/run/docker.sock (ECONNREFUSED)");
    const engine = new FailingStartEngine("*", unreachable);
    const plan = await planFor(engine);

    await expect(executePlan(engine, plan, { parallelism: 1, waitTimeoutMs: 1000 })).rejects.toBe(unreachable);
    // One node at a time: the first start failed, and nothing was tried after it.
    const firstStart = engine.calls.findIndex((call) => call.startsWith("startContainer"));
    expect(engine.calls.slice(firstStart + 1).filter((call) => /^(start|create)Container/.test(call))).toEqual([]);
  });

  it("an aborted signal must start no operation and report every service as not finished", async () => {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const plan = await planFor(engine);
    const controller = new AbortController();
    controller.abort();
    const before = engine.calls.length;

    const failure = await executePlan(engine, plan, { parallelism: 4, waitTimeoutMs: 1000, signal: controller.signal }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PlanInterruptedError);
    expect((failure as PlanInterruptedError).progress).toBe("0 of 3 services done; not finished: front, other, web");
    expect(engine.calls.slice(before)).toEqual([]);
  });
});
