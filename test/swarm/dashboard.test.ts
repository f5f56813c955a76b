/**
 * The dashboard on the real 3-node lab (`tsd ui --target swarm`): its
 * services table lists tasks with their nodes, and its Swarm pane shows each
 * node's tasks, desired against current state, and a rolling update's
 * progress, read once a second for every tab at once.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import { Dashboard } from "../../src/ui/server/dashboard.js";
import type { Snapshot } from "../../src/ui/server/event-stream.js";
import type { SwarmOverview } from "../../src/app/service-overview.js";
import { eventually } from "../integration/support/eventually.js";
import { SwarmProject, UP } from "./support/swarm-session.js";

const lab = inject("swarmLab");
const NAME = "swui";
const project = new SwarmProject(lab.managerHost);

function stackText(greeting: string): string {
  return `name: ${NAME}
services:
  web:
    image: tsd-test/busybox:1
    command: ["sh", "-c", "echo $$GREETING; exec sleep 3600"]
    environment: {GREETING: ${greeting}}
    init: true
    stop_grace_period: 1s
    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      update_config: {parallelism: 1, delay: 2s}
`;
}

let dashboard: Dashboard | undefined;
afterAll(async () => {
  await dashboard?.close();
  await (await project.session()).down({ plan: { volumes: false, removeOrphans: true } }).catch(() => undefined);
  project.cleanup();
});

describe("the dashboard on a swarm", () => {
  it("must show every task on its node, then a rolling update's progress, with no container verb called", async () => {
    project.write("stack.yml", stackText("one"));
    const session = await project.session();
    await session.up({ plan: UP, dryRun: false, waitTimeoutMs: 150_000, parallelism: 4 });
    const published: Snapshot[] = [];
    dashboard = new Dashboard(session, { plan: UP, publish: (snapshot) => published.push(snapshot), watchFiles: false });
    await dashboard.start();
    const swarm = () => dashboard?.swarm as SwarmOverview;
    expect(swarm().nodes.map((node) => node.hostname)).toEqual(lab.nodes.map((node) => node.name).sort());
    // `up` returns once the service is created; the pane follows the tasks as they start.
    await eventually(() => expect(swarm().services).toEqual([expect.objectContaining({ service: "web", running: 3, desired: 3, stale: 0, outcome: "converged" })]), 90_000);
    const running = swarm().tasks.filter((task) => task.desiredState === "running" && task.currentState === "running");
    expect(running).toHaveLength(3);
    expect(new Set(running.map((task) => task.node)).size).toBeGreaterThan(1);
    await eventually(() => expect(dashboard?.services.filter((row) => row.state === "running").map((row) => [row.service, row.swarm?.node !== undefined])).toEqual([["web", true], ["web", true], ["web", true]]), 10_000);

    // A rolling update, one task at a time: the pane sees old tasks still running beside new ones.
    project.write("stack.yml", stackText("two"));
    const next = await project.session();
    const rolling = next.up({ plan: UP, dryRun: false, waitTimeoutMs: 150_000, parallelism: 4 });
    await eventually(() => {
      const web = swarm().services[0];
      expect(web?.stale ?? 0).toBeGreaterThan(0);
      expect(web?.outcome).toBe("waiting");
    }, 60_000);
    await rolling;
    await eventually(() => expect(swarm().services[0]).toMatchObject({ running: 3, desired: 3, stale: 0, outcome: "converged" }), 30_000);
    expect(swarm().tasks.filter((task) => task.desiredState === "running").every((task) => task.current)).toBe(true);
    expect(published.some((snapshot) => snapshot.name === "swarm")).toBe(true);
    expect(project.events.filter((event) => event.type === "warning").map((event) => (event as { message: string }).message).filter((message) => message.startsWith("dashboard:"))).toEqual([]);
  });
});
