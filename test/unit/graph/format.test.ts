import { describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/base/errors.js";
import { buildGraph } from "../../../src/graph/build.js";
import { formatGraph } from "../../../src/graph/format.js";
import type { StackGraph } from "../../../src/graph/model.js";
import { type StackSpec, dependency, joins, makeStack } from "../support/stack-builder.js";

function graphOf(spec: StackSpec): StackGraph {
  const result = buildGraph(makeStack(spec));
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
  return result.graph;
}

/** A small stack touching every kind of node. */
const small: StackSpec = {
  services: {
    web: {
      dependsOn: { db: dependency({ condition: "service_healthy" }) },
      links: [{ service: "cache", alias: "redis" }],
      networks: joins("default"),
      configs: [{ source: "nginx", target: "/etc/nginx/nginx.conf" }],
      volumesFrom: [{ kind: "dataContainer", name: "assets", readOnly: true }],
    },
    db: {
      networks: joins("default"),
      volumes: [{ type: "volume", source: "pg-data", target: "/var/lib/postgresql/data", readOnly: false, nocopy: false }],
      secrets: [{ source: "db.password", target: "/run/secrets/db.password" }],
    },
    cache: { networks: joins("default") },
  },
  dataContainers: { assets: {} },
  networks: { default: {} },
  volumes: { "pg-data": {} },
  secrets: { "db.password": {} },
  configs: { nginx: {} },
};

describe("formatGraph text", () => {
  it("lists every node in start order with what it needs, aligned", () => {
    expect(formatGraph(graphOf(small), "text")).toBe(
      [
        "config nginx",
        "data container assets",
        "network default",
        "secret db.password",
        "",
        "service cache",
        "  network       network default",
        "",
        "volume pg-data",
        "",
        "service db",
        "  volume        volume pg-data at /var/lib/postgresql/data",
        "  network       network default",
        "  secret        secret db.password at /run/secrets/db.password",
        "",
        "service web",
        "  depends_on    service db (service_healthy)",
        "  link          service cache as redis",
        "  volumes_from  data container assets (read-only)",
        "  network       network default",
        "  config        config nginx at /etc/nginx/nginx.conf",
        "",
      ].join("\n"),
    );
  });

  it.each<[string, StackSpec, string]>([
    ["an optional dependency", { services: { web: { dependsOn: { db: dependency({ required: false }) } }, db: {} } }, "  depends_on  service db (service_started, optional)"],
    ["a link without alias", { services: { web: { links: [{ service: "db", alias: "db" }] }, db: {} } }, "  link  service db"],
    ["network aliases", { services: { web: { networks: { back: { aliases: ["api", "www"], linkLocalIps: [], driverOpts: {} } } } }, networks: { back: {} } }, "  network  network back (aliases: api, www)"],
    ["network_mode", { services: { web: { networkMode: { kind: "service", service: "vpn" } }, vpn: {} } }, "  network_mode  service vpn"],
  ])("describes %s", (_, spec, line) => {
    expect(formatGraph(graphOf(spec), "text").split("\n")).toContain(line);
  });

  it("says so for an empty stack", () => {
    expect(formatGraph(graphOf({}), "text")).toBe("(empty stack: no services, data containers or resources)\n");
  });
});

describe("formatGraph mermaid", () => {
  it("renders a flowchart with a shape per kind and labelled edges", () => {
    expect(formatGraph(graphOf(small), "mermaid")).toBe(
      [
        "flowchart LR",
        '  config_nginx[/"nginx"/]',
        '  dataContainer_assets[["assets"]]',
        '  network_default{{"default"}}',
        '  secret_db_2e_password>"db.password"]',
        '  service_cache["cache"]',
        '  service_db["db"]',
        '  service_web["web"]',
        '  volume_pg_2d_data[("pg-data")]',
        "  service_cache -.->|network| network_default",
        "  service_db -.->|network| network_default",
        "  service_db -.->|secret| secret_db_2e_password",
        "  service_db -.->|volume| volume_pg_2d_data",
        "  service_web -.->|config| config_nginx",
        "  service_web -->|volumes_from| dataContainer_assets",
        "  service_web -.->|network| network_default",
        "  service_web -->|link| service_cache",
        "  service_web -->|depends_on| service_db",
        "",
      ].join("\n"),
    );
  });

  it("keeps names that differ only in punctuation apart", () => {
    const text = formatGraph(graphOf({ services: { "a.b": {}, "a-b": {}, a_b: {} } }), "mermaid");
    expect(text).toContain('service_a_2d_b["a-b"]');
    expect(text).toContain('service_a_2e_b["a.b"]');
    expect(text).toContain('service_a_5f_b["a_b"]');
  });

  it("escapes quotes in labels", () => {
    expect(formatGraph(graphOf({ volumes: { 'say"hi"#1': {} } }), "mermaid")).toContain('[("say#quot;hi#quot;#35;1")]');
  });
});

describe("formatGraph dot", () => {
  it("renders a digraph with shapes per kind and labelled edges", () => {
    const graph = graphOf({ services: { web: { dependsOn: { "my.db": dependency() }, networks: joins("default") }, "my.db": {} }, networks: { default: {} } });
    expect(formatGraph(graph, "dot")).toBe(
      [
        "digraph stack {",
        "  rankdir=LR;",
        '  "network:default" [label="default", shape=hexagon];',
        '  "service:my.db" [label="my.db", shape=box];',
        '  "service:web" [label="web", shape=box];',
        '  "service:web" -> "network:default" [label="network", style=dashed];',
        '  "service:web" -> "service:my.db" [label="depends_on"];',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("escapes quotes and backslashes", () => {
    expect(formatGraph(graphOf({ configs: { 'a"b\\c': {} } }), "dot")).toContain('"config:a\\"b\\\\c" [label="a\\"b\\\\c", shape=note];');
  });
});

describe("formatGraph json", () => {
  it("prints nodes, edges and order", () => {
    const graph = graphOf({ services: { web: { dependsOn: { db: dependency() }, links: [{ service: "db", alias: "database" }] }, db: {} } });
    expect(JSON.parse(formatGraph(graph, "json"))).toEqual({
      nodes: [
        { id: "service:db", kind: "service", key: "db" },
        { id: "service:web", kind: "service", key: "web" },
      ],
      edges: [
        { from: "service:web", to: "service:db", kind: "depends_on", condition: "service_started", required: true },
        { from: "service:web", to: "service:db", kind: "link", alias: "database" },
      ],
      order: ["service:db", "service:web"],
    });
  });

  it("prints the same bytes whatever the input key order", () => {
    const forward = { a: { dependsOn: { b: dependency() } }, b: {}, c: {} };
    const backward = { c: {}, b: {}, a: { dependsOn: { b: dependency() } } };
    expect(formatGraph(graphOf({ services: backward }), "json")).toBe(formatGraph(graphOf({ services: forward }), "json"));
  });
});
