import { describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/base/errors.js";
import { buildGraph } from "../../../src/graph/build.js";
import type { StackGraph } from "../../../src/graph/model.js";
import type { Mount, Service } from "../../../src/stack/model.js";
import { type StackSpec, dependency, fakeLocate, joins, makeStack } from "../support/stack-builder.js";

function graphOf(spec: StackSpec): StackGraph {
  const result = buildGraph(makeStack(spec));
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
  return result.graph;
}

function cycles(spec: StackSpec): string[] {
  const result = buildGraph(makeStack(spec));
  return result.ok ? [] : result.issues.map((issue) => issue.message);
}

/** `from -kind-> to` lines, easy to read in a failing test. */
function edgeLines(graph: StackGraph): string[] {
  return graph.edges.map((edge) => `${edge.from} -${edge.kind}-> ${edge.to}`);
}

function volume(source: string, target: string, readOnly = false): Mount {
  return { type: "volume", source, target, readOnly, nocopy: false };
}

function dependsOn(...names: string[]): Partial<Service> {
  return { dependsOn: Object.fromEntries(names.map((name) => [name, dependency()])) };
}

function shuffled<T>(record: Readonly<Record<string, T>>, seed: number): Record<string, T> {
  const entries = Object.entries(record);
  for (let index = entries.length - 1; index > 0; index -= 1) {
    const other = (seed * (index + 7)) % (index + 1);
    [entries[index], entries[other]] = [entries[other] as [string, T], entries[index] as [string, T]];
  }
  return Object.fromEntries(entries);
}

describe("buildGraph: nodes and edges", () => {
  it("has a node per service, data container, volume, network, secret and config, sorted by id", () => {
    const graph = graphOf({
      services: { web: {} },
      dataContainers: { seed: {} },
      volumes: { data: {} },
      networks: { default: {} },
      secrets: { token: {} },
      configs: { nginx: {} },
    });
    expect(graph.nodes.map((node) => node.id)).toEqual([
      "config:nginx",
      "dataContainer:seed",
      "network:default",
      "secret:token",
      "service:web",
      "volume:data",
    ]);
    expect(graph.nodes.find((node) => node.id === "dataContainer:seed")).toEqual({ id: "dataContainer:seed", kind: "dataContainer", key: "seed" });
  });

  it.each<[string, StackSpec, string[]]>([
    ["depends_on", { services: { web: dependsOn("db"), db: {} } }, ["service:web -depends_on-> service:db"]],
    ["link", { services: { web: { links: [{ service: "db", alias: "database" }] }, db: {} } }, ["service:web -link-> service:db"]],
    [
      "volumes_from a service and a data container",
      {
        services: { web: { volumesFrom: [{ kind: "service", name: "db", readOnly: false }, { kind: "dataContainer", name: "seed", readOnly: true }] }, db: {} },
        dataContainers: { seed: {} },
      },
      ["service:web -volumes_from-> dataContainer:seed", "service:web -volumes_from-> service:db"],
    ],
    ["network_mode service:", { services: { web: { networkMode: { kind: "service", service: "vpn" } }, vpn: {} } }, ["service:web -network_mode-> service:vpn"]],
    ["ipc and pid service:", { services: { web: { ipc: "service:a", pid: "service:b" }, a: {}, b: {} } }, ["service:web -ipc-> service:a", "service:web -pid-> service:b"]],
    ["ipc host is no edge", { services: { web: { ipc: "host", pid: "container:x" } } }, []],
    [
      "volumes of services and data containers",
      { services: { web: { volumes: [volume("data", "/data")] } }, dataContainers: { seed: { volumes: [volume("data", "/seed")] } }, volumes: { data: {} } },
      ["dataContainer:seed -volume-> volume:data", "service:web -volume-> volume:data"],
    ],
    ["network", { services: { web: { networks: joins("back", "front") } }, networks: { back: {}, front: {} } }, ["service:web -network-> network:back", "service:web -network-> network:front"]],
    [
      "secret and config",
      { services: { web: { secrets: [{ source: "token", target: "/run/secrets/token" }], configs: [{ source: "nginx", target: "/nginx" }] } }, secrets: { token: {} }, configs: { nginx: {} } },
      ["service:web -config-> config:nginx", "service:web -secret-> secret:token"],
    ],
    [
      "depends_on and link to the same service keep both kinds",
      { services: { web: { ...dependsOn("db"), links: [{ service: "db", alias: "db" }] }, db: {} } },
      ["service:web -depends_on-> service:db", "service:web -link-> service:db"],
    ],
    ["a bind mount and an anonymous volume are no edge", {
      services: { web: { volumes: [{ type: "bind", source: "/src", target: "/src", readOnly: false, createHostPath: true }, { type: "volume", target: "/tmp", readOnly: false, nocopy: false }] } },
    }, []],
    [
      "references to undefined things are skipped",
      { services: { web: { ...dependsOn("ghost"), networks: joins("nowhere"), volumes: [volume("missing", "/m")], volumesFrom: [{ kind: "container", name: "legacy", readOnly: false }] } } },
      [],
    ],
  ])("%s", (_, spec, expected) => {
    expect(edgeLines(graphOf(spec))).toEqual(expected);
  });

  it("describes edges: condition, alias, read-only, mount targets, network aliases", () => {
    const graph = graphOf({
      services: {
        web: {
          dependsOn: { db: dependency({ condition: "service_healthy", required: false }) },
          links: [{ service: "cache", alias: "redis" }, { service: "db", alias: "db" }],
          volumes: [volume("data", "/a", true), volume("data", "/b", false)],
          networks: { back: { aliases: ["api"], linkLocalIps: [], driverOpts: {} } },
          secrets: [{ source: "token", target: "/run/secrets/token" }],
        },
        db: {},
        cache: {},
      },
      volumes: { data: {} },
      networks: { back: {} },
      secrets: { token: {} },
    });
    expect(graph.edges.filter((edge) => edge.from === "service:web")).toEqual([
      { from: "service:web", to: "network:back", kind: "network", aliases: ["api"] },
      { from: "service:web", to: "secret:token", kind: "secret", targets: ["/run/secrets/token"] },
      { from: "service:web", to: "service:cache", kind: "link", alias: "redis" },
      { from: "service:web", to: "service:db", kind: "depends_on", condition: "service_healthy", required: false },
      { from: "service:web", to: "service:db", kind: "link" },
      { from: "service:web", to: "volume:data", kind: "volume", readOnly: false, targets: ["/a", "/b"] },
    ]);
  });
});

describe("buildGraph: order", () => {
  it("puts dependencies first, ties broken by id", () => {
    const graph = graphOf({
      services: { web: { ...dependsOn("api"), networks: joins("default") }, api: { ...dependsOn("db"), networks: joins("default") }, db: { volumes: [volume("data", "/d")] }, worker: dependsOn("db") },
      volumes: { data: {} },
      networks: { default: {} },
    });
    expect(graph.order).toEqual(["network:default", "volume:data", "service:db", "service:api", "service:web", "service:worker"]);
  });

  it("is the same whatever the key order of the input", () => {
    const spec: StackSpec = {
      services: { a: dependsOn("d"), b: dependsOn("d", "e"), c: {}, d: dependsOn("c"), e: {}, f: dependsOn("a", "b"), g: {} },
      volumes: { v1: {}, v2: {} },
      networks: { n1: {}, n2: {} },
    };
    const reference = graphOf(spec);
    expect(reference.order).toEqual(["network:n1", "network:n2", "service:c", "service:d", "service:a", "service:e", "service:b", "service:f", "service:g", "volume:v1", "volume:v2"]);
    for (const seed of [1, 2, 3, 5, 8, 13]) {
      const graph = graphOf({ services: shuffled(spec.services ?? {}, seed), volumes: shuffled(spec.volumes ?? {}, seed), networks: shuffled(spec.networks ?? {}, seed) });
      expect(graph).toEqual(reference);
    }
  });
});

describe("buildGraph: cycles", () => {
  it.each<[string, StackSpec, string[]]>([
    ["self dependency", { services: { a: dependsOn("a") } }, ["dependency cycle detected: a -> a"]],
    ["two services", { services: { b: dependsOn("a"), a: dependsOn("b") } }, ["dependency cycle detected: a -> b -> a"]],
    ["three services, rotated to the smallest name", { services: { c: dependsOn("a"), b: dependsOn("c"), a: dependsOn("b") } }, ["dependency cycle detected: a -> b -> c -> a"]],
    ["a cycle through links and volumes_from", {
      services: { web: { links: [{ service: "db", alias: "db" }] }, db: { volumesFrom: [{ kind: "service", name: "web", readOnly: false }] } },
    }, ["dependency cycle detected: db -> web -> db"]],
    ["a cycle through network_mode", {
      services: { app: { networkMode: { kind: "service", service: "vpn" } }, vpn: dependsOn("app") },
    }, ["dependency cycle detected: app -> vpn -> app"]],
    ["two separate cycles: both reported, by smallest name", {
      services: { z: dependsOn("y"), y: dependsOn("z"), b: dependsOn("c"), c: dependsOn("b"), ok: {} },
    }, ["dependency cycle detected: b -> c -> b", "dependency cycle detected: y -> z -> y"]],
    ["services merely depending on a cycle are not named", {
      services: { top: dependsOn("a"), a: dependsOn("b"), b: dependsOn("a") },
    }, ["dependency cycle detected: a -> b -> a"]],
    ["the shortest cycle through the smallest name", {
      services: { a: dependsOn("b", "c"), b: dependsOn("c"), c: dependsOn("a") },
    }, ["dependency cycle detected: a -> c -> a"]],
  ])("%s", (_, spec, expected) => {
    expect(cycles(spec)).toEqual(expected);
  });

  it("is the same whatever the key order of the input", () => {
    const services = { e: dependsOn("c"), c: dependsOn("d"), d: dependsOn("e", "b"), b: dependsOn("d"), a: {} };
    const expected = cycles({ services });
    expect(expected).toEqual(["dependency cycle detected: b -> d -> b"]);
    for (const seed of [1, 2, 3, 4]) expect(cycles({ services: shuffled(services, seed) })).toEqual(expected);
  });

  it("locates the cycle at the first service's reference to the next, preferring depends_on", () => {
    const stack = makeStack({ services: { a: { ...dependsOn("b"), links: [{ service: "b", alias: "b" }] }, b: dependsOn("a") } });
    const result = buildGraph(stack, fakeLocate);
    expect(result.ok ? [] : result.issues).toEqual([
      { location: fakeLocate(["services", "a", "depends_on", "b"]), path: "services.a.depends_on.b", message: "dependency cycle detected: a -> b -> a" },
    ]);
  });

  it("locates a cycle made by links at the link", () => {
    const stack = makeStack({ services: { a: { links: [{ service: "b", alias: "b" }] }, b: dependsOn("a") } });
    const result = buildGraph(stack);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual(["services.a.links[0]: dependency cycle detected: a -> b -> a"]);
  });
});
