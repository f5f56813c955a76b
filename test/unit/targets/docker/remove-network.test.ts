/**
 * `down`'s network removal when the engine says the network still has
 * active endpoints: retried while the endpoint of a removed container is
 * being released, left with a warning (and `down` succeeding) when the
 * engine keeps it for good or a container outside the stack is attached.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Clock, systemClock } from "../../../../src/base/clock.js";
import { NetworkInUseError } from "../../../../src/base/errors.js";
import type { StackEvent } from "../../../../src/events/stack-event.js";
import { loadProject } from "../../../../src/project/project.js";
import { observe } from "../../../../src/targets/docker/observe.js";
import { planDown } from "../../../../src/targets/docker/planner/plan-down.js";
import { planUp } from "../../../../src/targets/docker/planner/plan-up.js";
import { ENDPOINT_RELEASE_WAITS_MS } from "../../../../src/targets/docker/run-operation.js";
import { defaultUpOptions } from "../../../../src/targets/target.js";
import { executePlan } from "../../support/execute-plan.js";
import { MemoryEngine } from "../../support/memory-engine.js";
import { type TempProject, tempProject } from "../../support/temp-project.js";

/** An engine whose next `refusals` network removals answer "has active endpoints", listing `attached`. */
class EndpointHoldingEngine extends MemoryEngine {
  removeAttempts = 0;

  constructor(
    private refusals: number,
    private readonly attached: readonly string[] = [],
  ) {
    super(["tsd-test/busybox:1"]);
  }

  override async removeNetwork(name: string): Promise<void> {
    this.removeAttempts++;
    if (this.refusals-- > 0) throw new NetworkInUseError(`remove network "${name}": error while removing network: network ${name} id 38a4 has active endpoints`, this.attached);
    await super.removeNetwork(name);
  }
}

let project: TempProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

/** A clock whose sleeps end at once and are recorded. */
function recordingClock(waits: number[]): Clock {
  return { now: systemClock.now, timer: systemClock.timer, sleep: async (milliseconds) => void waits.push(milliseconds) };
}

async function downWith(engine: EndpointHoldingEngine): Promise<{ warnings: string[]; waits: number[] }> {
  project = tempProject({ "compose.yaml": "services:\n  web:\n    image: tsd-test/busybox:1\n" });
  const loaded = loadProject({ cwd: project.dir, files: ["compose.yaml"], environment: {}, projectName: "demo" });
  await executePlan(engine, planUp(loaded.stack, loaded.graph, await observe(engine, loaded.stack), defaultUpOptions("test")), { parallelism: 4, waitTimeoutMs: 1000 });
  const events: StackEvent[] = [];
  const waits: number[] = [];
  const plan = planDown(loaded.stack, loaded.graph, await observe(engine, loaded.stack), { volumes: false, removeOrphans: false });
  await executePlan(engine, plan, { parallelism: 4, waitTimeoutMs: 1000, onEvent: (event) => events.push(event), clock: recordingClock(waits) });
  const warnings = events.flatMap((event) => (event.type === "step" && event.phase === "warning" ? [event.message] : []));
  return { warnings, waits };
}

describe("down's network removal", () => {
  it("must retry while the engine releases the last endpoint, then remove the network without a warning", async () => {
    const engine = new EndpointHoldingEngine(2);
    const { warnings, waits } = await downWith(engine);
    expect(await engine.inspectNetwork("demo_default")).toBeUndefined();
    expect(engine.removeAttempts).toBe(3);
    expect(waits).toEqual(ENDPOINT_RELEASE_WAITS_MS.slice(0, 2));
    expect(warnings).toEqual([]);
  });

  it("must leave a network whose endpoint the engine keeps for good, with a warning that says why, and not fail the down", async () => {
    const engine = new EndpointHoldingEngine(Number.POSITIVE_INFINITY);
    const { warnings, waits } = await downWith(engine);
    expect(await engine.inspectNetwork("demo_default")).toBeDefined();
    expect(await engine.listContainers({ project: "demo" })).toEqual([]);
    expect(waits).toEqual([...ENDPOINT_RELEASE_WAITS_MS]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^left in place: the engine still counts an endpoint on it though no container is attached \(a Docker Engine defect, moby\/moby#43286\)/);
  });

  it("must leave a network another container still uses at once, naming that container", async () => {
    const engine = new EndpointHoldingEngine(Number.POSITIVE_INFINITY, ["other-app-1"]);
    const { warnings, waits } = await downWith(engine);
    expect(engine.removeAttempts).toBe(1);
    expect(waits).toEqual([]);
    expect(warnings).toEqual(["left in place: still used by other-app-1, which this down did not remove"]);
  });
});
