/**
 * Reconciling on Swarm, with a swarm in memory: a first `up` creates, a
 * re-run plans nothing and writes nothing, an environment change is one
 * in-place update request (version in the query, ForceUpdate carried over)
 * whose cause names the field, a changed secret rolls over to a new object
 * and the old one goes after convergence, and `down` removes everything.
 */
import { afterEach, describe, expect, it } from "vitest";
import { StackSession } from "../../../../src/app/session.js";
import { formatPlan } from "../../../../src/plan/format.js";
import { SwarmTarget } from "../../../../src/targets/swarm/target.js";
import { MemorySwarm } from "../../support/memory-swarm.js";
import { type TempProject, tempProject } from "../../support/temp-project.js";
import { defaultUpOptions } from "../../../../src/targets/target.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const PLAN = defaultUpOptions("test");

function stackText(greeting: string): string {
  return [
    "name: memdemo",
    "services:",
    "  db: {image: x}",
    "  web:",
    "    image: x",
    `    environment: {GREETING: ${greeting}}`,
    "    depends_on: [db]",
    "    secrets: [token]",
    "    deploy: {replicas: 2}",
    "secrets:",
    "  token: {file: ./token.txt}",
    "",
  ].join("\n");
}

async function session(engine: MemorySwarm) {
  return StackSession.open({
    stack: { load: { cwd: project?.dir ?? "", files: ["stack.yml"], environment: {} } },
    target: "swarm",
    openTarget: (_name, emit, clock) => new SwarmTarget(engine, emit, clock, { environment: {}, allowUnsupported: false }),
  });
}

describe("swarm reconcile", () => {
  it("creates, then plans nothing and writes nothing, then updates in place naming the changed field", async () => {
    project = tempProject({ "stack.yml": stackText("one"), "token.txt": "a" });
    const engine = new MemorySwarm();
    const first = await (await session(engine)).up({ plan: PLAN, dryRun: false, waitTimeoutMs: 5000, parallelism: 4 });
    expect(first.nodes.map((node) => node.id)).toEqual([
      expect.stringMatching(/^create-file-object:memdemo_token_[0-9a-f]{8}$/),
      "create-network:memdemo_default",
      "create-service:memdemo_db",
      "wait-service:memdemo_db converged",
      "create-service:memdemo_web",
    ]);
    const webId = [...engine.services.values()].find((service) => service.spec.Name === "memdemo_web")?.id ?? "";
    const before = engine.writes().length;
    const again = await (await session(engine)).up({ plan: PLAN, dryRun: false, waitTimeoutMs: 5000, parallelism: 4 });
    expect(formatPlan(again)).toBe("nothing to do");
    expect(engine.writes()).toHaveLength(before);
    expect(engine.services.get(webId)?.version).toBe(1);

    project.write("stack.yml", stackText("two"));
    const running = engine.services.get(webId);
    if (!running) throw new Error("web was not created");
    // Someone forced a redeploy (`docker service update --force`): an update must keep the counter.
    engine.services.set(webId, { ...running, spec: { ...running.spec, TaskTemplate: { ...running.spec.TaskTemplate, ForceUpdate: 7 } } });
    const changed = await (await session(engine)).up({ plan: PLAN, dryRun: false, waitTimeoutMs: 5000, parallelism: 4 });
    const update = changed.nodes.find((node) => node.operation.kind === "update-service");
    expect(update?.cause).toBe("environment changed");
    expect(engine.updates).toHaveLength(1);
    expect(engine.updates[0]).toMatchObject({ id: webId, version: 1 });
    expect(engine.updates[0]?.spec.TaskTemplate.ForceUpdate).toBe(7);
    expect(engine.updates[0]?.spec.TaskTemplate.ContainerSpec.Env).toEqual(["GREETING=two"]);
    expect(engine.services.get(webId)?.previousSpec?.TaskTemplate.ContainerSpec.Env).toEqual(["GREETING=one"]);
  });

  it("rolls a changed secret over to a new object and removes the old one after the service converged; down removes all", async () => {
    project = tempProject({ "stack.yml": stackText("one"), "token.txt": "a" });
    const engine = new MemorySwarm();
    await (await session(engine)).up({ plan: PLAN, dryRun: false, waitTimeoutMs: 5000, parallelism: 4 });
    project.write("token.txt", "b");
    const plan = await (await session(engine)).up({ plan: PLAN, dryRun: false, waitTimeoutMs: 5000, parallelism: 4 });
    expect(formatPlan(plan)).toMatch(/^ {2}~ update service memdemo_web in place {2}\(secrets changed\)$/m);
    const removal = plan.nodes.find((node) => node.operation.kind === "remove-file-object");
    expect(removal?.after).toEqual(["wait-service:memdemo_web converged"]);
    const created = plan.nodes.find((node) => node.operation.kind === "create-file-object")?.target;
    expect([...engine.objects.values()].map((object) => object.name)).toEqual([created]);
    expect(removal?.target).not.toBe(created);
    await (await session(engine)).down({ plan: { volumes: false, removeOrphans: false } });
    expect([engine.services.size, engine.networks.size, engine.objects.size]).toEqual([0, 0, 0]);
  });
});
