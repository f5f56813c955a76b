/**
 * The lab that scripts/swarm-lab.sh makes must be a real swarm: three
 * dockerds that are three nodes, tasks on every one of them, overlay traffic
 * between nodes and published ports, while the main engine stays out of it.
 *
 * What is checked is what works on this kernel (no IP_VS): `endpoint_mode:
 * dnsrr` and `mode: host` ports. VIPs and the ingress routing mesh need
 * IP_VS and are not used here (docs/swarm-lab.md).
 *
 * Test services use `--init` and a 1 s stop grace period: busybox httpd as
 * PID 1 ignores SIGTERM, and every removal would wait out the default 10 s.
 */
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, inject, it } from "vitest";
import { docker } from "../integration/support/docker.js";
import { eventually } from "../integration/support/eventually.js";
import { inNodeNetwork, type LabNode, nodeDocker, nodeDockerRaw } from "./support/lab.js";

const lab = inject("swarmLab");
const IMAGE = "tsd-test/busybox:1";
const HTTP_PORT = 8080;
const manager: LabNode = lab.nodes[0] ?? missingNode(1);

function missingNode(index: number): never {
  throw new Error(`the swarm lab has no node ${index}`);
}

/** A unique name per test run, so a leftover of an aborted run never collides. */
function uniqueName(what: string): string {
  return `lab-${what}-${randomBytes(3).toString("hex")}`;
}

/** Services and networks a test made on the swarm, removed after it. */
const created: { services: string[]; networks: string[] } = { services: [], networks: [] };

/**
 * `docker service create` of a busybox httpd on every node (`--mode global`)
 * answering with its node's hostname. `--no-resolve-image`: there is no
 * registry to ask for a digest; the nodes use their loaded copy
 * (DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1).
 */
async function createWebService(name: string, extraArgs: readonly string[]): Promise<void> {
  created.services.push(name);
  await nodeDocker(manager, [
    ...["service", "create", "--detach", "--no-resolve-image", "--name", name, "--mode", "global"],
    ...["--init", "--stop-grace-period", "1s", "--hostname", "{{.Node.Hostname}}"],
    ...extraArgs,
    IMAGE,
    ...["sh", "-c", `hostname > /www/index.html && exec httpd -f -p ${HTTP_PORT} -h /www`],
  ]);
}

/** `node name → current state` of the service's tasks that should run. */
async function runningTasks(service: string): Promise<Map<string, string>> {
  const output = await nodeDocker(manager, ["service", "ps", service, "--filter", "desired-state=running", "--format", "{{.Node}} {{.CurrentState}}"]);
  const tasks = new Map<string, string>();
  for (const line of output.split("\n").filter(Boolean)) {
    const [node = "", ...state] = line.split(" ");
    tasks.set(node, state.join(" "));
  }
  return tasks;
}

/** Waits until the service has one Running task on every node of the lab. */
async function waitForTaskOnEveryNode(service: string): Promise<void> {
  await eventually(async () => {
    const tasks = await runningTasks(service);
    expect([...tasks.keys()].sort()).toEqual(lab.nodes.map((node) => node.name).sort());
    for (const state of tasks.values()) expect(state).toMatch(/^Running /);
  }, 60_000);
}

/** The ID of the service's running container on `node`. */
async function serviceContainerOn(node: LabNode, service: string): Promise<string> {
  const ids = (await nodeDocker(node, ["ps", "--quiet", "--filter", `label=com.docker.swarm.service.name=${service}`])).split("\n").filter(Boolean);
  expect(ids, `containers of ${service} on ${node.name}`).toHaveLength(1);
  return ids[0] ?? "";
}

afterEach(async () => {
  for (const service of created.services.splice(0)) await nodeDockerRaw(manager, ["service", "rm", service]);
  // A network goes once the tasks that used it are gone on every node.
  for (const network of created.networks.splice(0)) {
    await eventually(async () => {
      const result = await nodeDockerRaw(manager, ["network", "rm", network]);
      expect(result.status === 0 || /not found/i.test(result.stderr), result.stderr).toBe(true);
    }, 60_000);
  }
  await eventually(async () => {
    for (const node of lab.nodes) expect(await nodeDocker(node, ["ps", "--all", "--quiet"]), `containers left on ${node.name}`).toBe("");
  }, 60_000);
});

describe("the swarm lab", () => {
  it("must have 3 Ready nodes, one manager (the leader) and 2 workers, each with its own identity", async () => {
    const nodes = (await nodeDocker(manager, ["node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}"]))
      .split("\n")
      .filter(Boolean)
      .sort();
    expect(nodes).toEqual([`${lab.prefix}-n1 Ready Active Leader`, `${lab.prefix}-n2 Ready Active `, `${lab.prefix}-n3 Ready Active `]);

    const identities = await Promise.all(lab.nodes.map((node) => nodeDocker(node, ["info", "--format", "{{.Swarm.NodeID}} {{.Swarm.LocalNodeState}} {{.ID}}"])));
    expect(identities.map((line) => line.trim().split(" ")[1])).toEqual(["active", "active", "active"]);
    expect(new Set(identities.map((line) => line.split(" ")[0])).size).toBe(3);
    // The engine ID comes from each node's own key (deprecated-key-path), not the shared /etc/docker/key.json.
    expect(new Set(identities.map((line) => line.trim().split(" ")[2])).size).toBe(3);
  });

  it("must leave the main engine out of any swarm", async () => {
    expect((await docker(["info", "--format", "{{.Swarm.LocalNodeState}}"])).trim()).toBe("inactive");
    expect((await docker(["network", "ls", "--quiet", "--filter", "driver=overlay"])).trim()).toBe("");
  });

  it("must run a global service's task on every node", async () => {
    const service = uniqueName("global");
    await createWebService(service, []);
    await waitForTaskOnEveryNode(service);
    for (const node of lab.nodes) await serviceContainerOn(node, service);
  });

  it("must let a task on one node reach a task on another over a dnsrr overlay, by IP and by name", async () => {
    const network = uniqueName("net");
    created.networks.push(network);
    await nodeDocker(manager, ["network", "create", "--driver", "overlay", network]);
    const service = uniqueName("dnsrr");
    await createWebService(service, ["--network", network, "--endpoint-mode", "dnsrr"]);
    await waitForTaskOnEveryNode(service);

    const addresses = new Map<string, string>();
    for (const node of lab.nodes) {
      const container = await serviceContainerOn(node, service);
      const address = (await nodeDocker(node, ["inspect", "--format", `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container])).trim();
      expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      addresses.set(node.name, address);
    }
    const fromContainer = await serviceContainerOn(manager, service);
    for (const target of lab.nodes.slice(1)) {
      // `timeout 5 wget`: busybox's own `wget -T` segfaults.
      const answer = await eventually(
        () => nodeDocker(manager, ["exec", fromContainer, "timeout", "5", "wget", "-qO-", `http://${addresses.get(target.name)}:${HTTP_PORT}/`]),
        30_000,
      );
      expect(answer.trim()).toBe(target.name);
    }
    // dnsrr: the service name resolves to every task's address (no VIP).
    await eventually(async () => {
      const lookup = await nodeDocker(manager, ["exec", fromContainer, "nslookup", service]);
      const resolved = [...lookup.matchAll(/^Address: (\d+\.\d+\.\d+\.\d+)$/gm)].map((match) => match[1]).sort();
      expect(resolved).toEqual([...addresses.values()].sort());
    }, 30_000);
  });

  it("must answer on a mode=host published port inside each node's network namespace", async () => {
    const service = uniqueName("hostport");
    const port = 18_080;
    await createWebService(service, ["--publish", `mode=host,target=${HTTP_PORT},published=${port}`]);
    await waitForTaskOnEveryNode(service);

    for (const node of lab.nodes) {
      // Inside the node: its loopback, and its own address.
      for (const address of ["127.0.0.1", node.address]) {
        const answer = await eventually(async () => {
          const result = await inNodeNetwork(node, ["timeout", "5", "busybox", "wget", "-qO-", `http://${address}:${port}/`]);
          expect(result.status, result.stderr).toBe(0);
          return result.stdout;
        }, 30_000);
        expect(answer.trim()).toBe(node.name);
      }
    }
    // From another node, over the lab's switch: the port is the node's, not a routing mesh's.
    const second = lab.nodes[1] ?? missingNode(2);
    const across = await inNodeNetwork(manager, ["timeout", "5", "busybox", "wget", "-qO-", `http://${second.address}:${port}/`]);
    expect(across.status, across.stderr).toBe(0);
    expect(across.stdout.trim()).toBe(second.name);
  });
});
