/**
 * `tsd up --target swarm --wait` on the real 3-node lab, through the same
 * use cases the CLI calls: a stack with a replicated, health-checked `web`
 * on an overlay network (dnsrr: there is no IPVS here) with a secret and a
 * config, depending on `db`, which publishes a `mode: host` port. Then a
 * no-op, an environment change, a secret change, a failing update that
 * rolls back, and down/up/down. The steps share the deployment, in order.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import { ConditionError } from "../../src/base/errors.js";
import type { StackEvent } from "../../src/events/stack-event.js";
import { formatPlan } from "../../src/plan/format.js";
import { eventually } from "../integration/support/eventually.js";
import { inNodeNetwork, type LabNode, nodeDocker } from "./support/lab.js";
import { SwarmProject, UP } from "./support/swarm-session.js";

const lab = inject("swarmLab");
const NAME = "swdeploy";
const project = new SwarmProject(lab.managerHost);
afterAll(async () => {
  await (await project.session()).down({ plan: { volumes: false, removeOrphans: true } }).catch(() => undefined);
  project.cleanup();
});

function stackText(options: { greeting: string; health?: string }): string {
  return `name: ${NAME}
services:
  db:
    image: tsd-test/busybox:1
    command: ["sh", "-c", "echo db-ok > /tmp/index.html; exec httpd -f -p 5432 -h /tmp"]
    init: true
    stop_grace_period: 1s
    ports: [{target: 5432, published: 15432, mode: host}]
    deploy: {endpoint_mode: dnsrr}
  web:
    image: tsd-test/busybox:1
    command: ["sh", "-c", "echo web-$$GREETING-$$(hostname) > /tmp/index.html; exec httpd -f -p 8080 -h /tmp"]
    environment: {GREETING: ${options.greeting}}
    depends_on: [db]
    init: true
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD-SHELL", "${options.health ?? "wget -q -O /dev/null http://127.0.0.1:8080/"}"]
      interval: 1s
      timeout: 1s
      retries: 2
    networks: [back, default]
    secrets: [token]
    configs: [motd]
    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      placement: {max_replicas_per_node: 2}
      update_config: {parallelism: 1, delay: 1s, monitor: 4s, failure_action: rollback}
      rollback_config: {parallelism: 0, monitor: 1s}
networks:
  back: {}
secrets:
  token: {file: ./token.txt}
configs:
  motd: {content: "hello from a config"}
`;
}

const manager: LabNode = lab.nodes[0] as LabNode;
const nodeByName = (name: string): LabNode => lab.nodes.find((node) => node.name === name) as LabNode;

/** `docker service ps`-like: the running tasks of a service (node, container, task id). */
async function runningTasks(service: string): Promise<{ id: string; node: string; container: string }[]> {
  const ids = (await nodeDocker(manager, ["service", "ps", "-q", "--filter", "desired-state=running", `${NAME}_${service}`])).split("\n").filter(Boolean);
  const tasks = await Promise.all(ids.map(async (id) => JSON.parse(await nodeDocker(manager, ["inspect", "--type", "task", id])) as [{ ID: string; NodeID: string; Status: { State: string; ContainerStatus?: { ContainerID: string } } }]));
  const nodes = new Map((await nodeDocker(manager, ["node", "ls", "--format", "{{.ID}} {{.Hostname}}"])).split("\n").filter(Boolean).map((line) => line.split(" ") as [string, string]));
  return tasks.map(([task]) => ({ id: task.ID, node: nodes.get(task.NodeID) ?? task.NodeID, container: task.Status.ContainerStatus?.ContainerID ?? "" })).filter((task) => task.container !== "");
}

async function serviceVersion(service: string): Promise<number> {
  return Number((await nodeDocker(manager, ["service", "inspect", "--format", "{{.Version.Index}}", `${NAME}_${service}`])).trim());
}

async function execIn(task: { node: string; container: string }, command: readonly string[]): Promise<string> {
  return nodeDocker(nodeByName(task.node), ["exec", task.container, ...command]);
}

function stepIndex(events: readonly StackEvent[], id: string, phase: "started" | "done"): number {
  return events.findIndex((event) => event.type === "step" && event.phase === phase && event.step.id === id);
}

async function upAndWait(): Promise<void> {
  const session = await project.session();
  await session.up({ plan: UP, dryRun: false, waitTimeoutMs: 150_000, parallelism: 4 });
  await session.waitReady({ services: [], timeoutMs: 150_000 });
}

describe("tsd up --target swarm", () => {
  it("deploys db, then web on several nodes, reachable over the overlay, with its secret and a host port", async () => {
    project.write("token.txt", "first-secret\n");
    project.write("stack.yml", stackText({ greeting: "one" }));
    await upAndWait();
    const events = project.events;
    // db converged before web was created.
    expect(stepIndex(events, `wait-service:${NAME}_db converged`, "done")).toBeGreaterThan(-1);
    expect(stepIndex(events, `wait-service:${NAME}_db converged`, "done")).toBeLessThan(stepIndex(events, `create-service:${NAME}_web`, "started"));
    const web = await runningTasks("web");
    expect(web).toHaveLength(3);
    expect(new Set(web.map((task) => task.node)).size).toBeGreaterThanOrEqual(2);
    const [first] = web;
    const other = web.find((task) => task.node !== first?.node);
    if (!first || !other) throw new Error("web runs on one node only");
    expect(await execIn(first, ["nslookup", "web"])).toMatch(/Address/);
    const otherAddress = (await execIn(other, ["hostname", "-i"])).trim().split(/\s+/);
    const answers = await Promise.all(otherAddress.map((address) => execIn(first, ["wget", "-q", "-O", "-", `http://${address}:8080/`]).catch(() => "")));
    expect(answers.join("")).toMatch(/^web-one-/);
    expect((await execIn(first, ["cat", "/run/secrets/token"])).trim()).toBe("first-secret");
    expect((await execIn(first, ["stat", "-L", "-c", "%a", "/run/secrets/token"])).trim()).toBe("444");
    expect((await execIn(first, ["cat", "/motd"])).trim()).toBe("hello from a config");
    const [db] = await runningTasks("db");
    const answer = await inNodeNetwork(nodeByName(db?.node ?? ""), ["wget", "-q", "-T", "3", "-O", "-", "http://127.0.0.1:15432/"]);
    expect(answer.stdout.trim()).toBe("db-ok");
  });

  it("re-run: plan says nothing to do; every Version.Index and task ID stays", async () => {
    const versions = [await serviceVersion("db"), await serviceVersion("web")];
    const tasks = [...(await runningTasks("db")), ...(await runningTasks("web"))].map((task) => task.id).sort();
    const before = project.calls.length;
    const plan = await (await project.session()).plan({ plan: UP, waitTimeoutMs: 10_000 });
    expect(formatPlan(plan)).toBe("nothing to do");
    await (await project.session()).up({ plan: UP, dryRun: false, waitTimeoutMs: 10_000, parallelism: 4 });
    expect(project.calls.slice(before).filter((call) => /^(create|update|remove)/.test(call))).toEqual([]);
    expect([await serviceVersion("db"), await serviceVersion("web")]).toEqual(versions);
    expect([...(await runningTasks("db")), ...(await runningTasks("web"))].map((task) => task.id).sort()).toEqual(tasks);
  });

  it("an environment change rolls out in place: same ID, one update request, PreviousSpec, one task at a time", async () => {
    const id = (await nodeDocker(manager, ["service", "inspect", "--format", "{{.ID}}", `${NAME}_web`])).trim();
    project.write("stack.yml", stackText({ greeting: "two" }));
    const plan = await (await project.session()).plan({ plan: UP, waitTimeoutMs: 10_000 });
    expect(formatPlan(plan)).toMatch(new RegExp(`^ {2}~ update service ${NAME}_web in place {2}\\(environment changed\\)$`, "m"));
    const before = project.calls.length;
    const eventsBefore = project.events.length;
    await upAndWait();
    expect(project.calls.slice(before).filter((call) => call === "updateService")).toHaveLength(1);
    expect(project.calls.slice(before).filter((call) => /^(create|remove)/.test(call))).toEqual([]);
    expect((await nodeDocker(manager, ["service", "inspect", "--format", "{{.ID}}", `${NAME}_web`])).trim()).toBe(id);
    const previous = await nodeDocker(manager, ["service", "inspect", "--format", "{{json .PreviousSpec.TaskTemplate.ContainerSpec.Env}}", `${NAME}_web`]);
    expect(JSON.parse(previous)).toEqual(["GREETING=one"]);
    // parallelism 1: never more than one new task on its way up at a time.
    const progress = project.events.slice(eventsBefore).flatMap((event) => (event.type === "swarm-service" && event.service === `${NAME}_web` ? [event] : []));
    expect(progress.length).toBeGreaterThan(0);
    for (const event of progress) expect(event.tasks.filter((task) => task.state !== "running").length).toBeLessThanOrEqual(1);
    const [task] = await runningTasks("web");
    expect(await execIn(task as { node: string; container: string }, ["cat", "/tmp/index.html"])).toMatch(/^web-two-/);
  });

  it("a changed secret rolls web over to a new secret object; the old one is removed after convergence", async () => {
    const secretsBefore = (await nodeDocker(manager, ["secret", "ls", "--format", "{{.Name}}", "--filter", `label=dev.tsd.project=${NAME}`])).split("\n").filter(Boolean);
    expect(secretsBefore).toHaveLength(1);
    project.write("token.txt", "second-secret\n");
    await upAndWait();
    const secretsAfter = (await nodeDocker(manager, ["secret", "ls", "--format", "{{.Name}}", "--filter", `label=dev.tsd.project=${NAME}`])).split("\n").filter(Boolean);
    expect(secretsAfter).toHaveLength(1);
    expect(secretsAfter[0]).not.toBe(secretsBefore[0]);
    expect(secretsAfter[0]).toMatch(new RegExp(`^${NAME}_token_[0-9a-f]{8}$`));
    const removal = stepIndex(project.events, `remove-file-object:${secretsBefore[0]}`, "started");
    expect(removal).toBeGreaterThan(stepIndex(project.events, `wait-service:${NAME}_web converged`, "done"));
    for (const task of await runningTasks("web")) expect((await execIn(task, ["cat", "/run/secrets/token"])).trim()).toBe("second-secret");
  });

  it("a health check that fails after an update: --wait fails naming service, task, node and error, and the service rolls back", async () => {
    project.write("stack.yml", stackText({ greeting: "three", health: "exit 1" }));
    const session = await project.session();
    await session.up({ plan: UP, dryRun: false, waitTimeoutMs: 150_000, parallelism: 4 });
    const failure = await session.waitReady({ services: ["web"], timeoutMs: 150_000 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConditionError);
    const message = (failure as Error).message;
    expect(message).toContain(`service ${NAME}_web`);
    expect(message).toContain("rolled back");
    expect(message).toMatch(/task \w{12} \(slot \d\) on node tsdtest-n\d: /);
    await eventually(async () => {
      const env = await nodeDocker(manager, ["service", "inspect", "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Env}}", `${NAME}_web`]);
      expect(JSON.parse(env)).toEqual(["GREETING=two"]);
    }, 60_000);
    // Back to the good stack: the next up updates again and converges.
    project.write("stack.yml", stackText({ greeting: "two" }));
    await upAndWait();
  });

  it("down then up at once works, and the last down leaves nothing with the project label", async () => {
    await (await project.session()).down({ plan: { volumes: false, removeOrphans: false } });
    await upAndWait();
    expect(await runningTasks("web")).toHaveLength(3);
    await (await project.session()).down({ plan: { volumes: false, removeOrphans: false } });
    for (const kind of ["service", "network", "secret", "config"]) {
      expect(await nodeDocker(manager, [kind, "ls", "-q", "--filter", `label=dev.tsd.project=${NAME}`])).toBe("");
    }
  });
});
