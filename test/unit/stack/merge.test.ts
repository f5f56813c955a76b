/**
 * Merging stack files: Compose's per-field rules (compose-go override tests,
 * restated), `!reset` / `!override`, locations, and inputs left untouched.
 */
import { describe, expect, it } from "vitest";
import { type PlainMap, entryLocation, locatePath } from "../../../src/stack/located.js";
import { applyResetTags, mergeService, mergeStackFiles } from "../../../src/stack/merge.js";
import { parseStackText } from "../../../src/stack/read.js";

function parse(text: string, file = "compose.yaml"): PlainMap {
  const [tree] = parseStackText(text, file);
  if (!tree) throw new Error("empty document");
  return tree;
}

/** Merges YAML texts in order, then applies leftover resets, like the loader does. */
function mergeAll(...texts: string[]): PlainMap {
  const trees = texts.map((text, index) => parse(text, `file${index}.yaml`));
  const merged = trees.reduce((base, next) => mergeStackFiles(base, next));
  applyResetTags(merged);
  return merged;
}

/** One service field after merging `base` and `override` values of it. */
function mergeField(field: string, base: unknown, override: unknown): unknown {
  const merged = mergeStackFiles(
    { services: { web: { image: "x", [field]: base } as PlainMap } },
    { services: { web: { [field]: override } as PlainMap } },
  );
  return (merged.services as PlainMap & { web: PlainMap }).web[field];
}

describe("mergeStackFiles: scalars and mappings", () => {
  it("later files win for scalars, whatever their type", () => {
    const merged = mergeAll("services:\n  web: {image: a, mem_limit: 1g, scale: 1}\n", "services:\n  web: {image: b, mem_limit: 512, scale: '3'}\n");
    expect(merged.services).toEqual({ web: { image: "b", mem_limit: 512, scale: "3" } });
  });

  it("merges top-level sections per key and keeps services only one file declares", () => {
    const merged = mergeAll(
      "services:\n  web: {image: a}\nnetworks:\n  front: {driver: bridge}\nx-common: {a: 1}\n",
      "services:\n  db: {image: pg}\nnetworks:\n  front: {internal: true}\n  back: {}\nx-common: {b: 2}\n",
    );
    expect(Object.keys(merged.services as PlainMap)).toEqual(["web", "db"]);
    expect(merged.networks).toEqual({ front: { driver: "bridge", internal: true }, back: {} });
    expect(merged["x-common"]).toEqual({ a: 1, b: 2 });
  });

  it("an empty value in the override changes nothing", () => {
    const merged = mergeAll("services:\n  web: {image: a, environment: {A: '1'}}\n", "services:\n  web:\n    environment:\n");
    expect(merged.services).toEqual({ web: { image: "a", environment: { A: "1" } } });
  });

  it("an override of another shape replaces (the override file need not be valid alone)", () => {
    expect(mergeField("ulimits", { nofile: { soft: 1, hard: 2 } }, "weird")).toBe("weird");
    expect(mergeField("healthcheck", { test: ["CMD", "a"], interval: "5s" }, { test: "b" })).toEqual({ test: "b", interval: "5s" });
  });

  it("ulimits merge by name", () => {
    expect(mergeField("ulimits", { nproc: 100, nofile: { soft: 1, hard: 2 } }, { nofile: { soft: 3 } })).toEqual({
      nproc: 100,
      nofile: { soft: 3, hard: 2 },
    });
  });
});

describe("mergeStackFiles: sequences", () => {
  it.each([
    ["dns", ["8.8.8.8"], "1.1.1.1", ["8.8.8.8", "1.1.1.1"]],
    ["dns_search", ["a.example"], ["a.example", "b.example"], ["a.example", "b.example"]],
    ["cap_add", ["NET_ADMIN"], ["NET_ADMIN", "SYS_TIME"], ["NET_ADMIN", "SYS_TIME"]],
    ["cap_drop", ["ALL"], ["ALL"], ["ALL"]],
    ["profiles", ["debug"], ["test"], ["debug", "test"]],
    ["env_file", ".env", [".env", "extra.env"], [".env", "extra.env"]],
    ["tmpfs", "/run", ["/run", "/tmp"], ["/run", "/tmp"]],
    ["links", ["db"], ["db", "cache:redis"], ["db", "cache:redis"]],
    ["security_opt", ["no-new-privileges"], ["no-new-privileges"], ["no-new-privileges"]],
    ["expose", [3000], ["3000", 4000], ["3000", 4000]],
  ])("%s is appended without repeats", (field, base, override, expected) => {
    expect(mergeField(field, base, override)).toEqual(expected);
  });

  it.each([
    ["command", ["npm", "start"], ["npm", "test"], ["npm", "test"]],
    ["command", "npm start", ["node", "x"], ["node", "x"]],
    ["entrypoint", ["/a"], ["/b"], ["/b"]],
  ])("%s is replaced, never appended", (field, base, override, expected) => {
    expect(mergeField(field, base, override)).toEqual(expected);
  });

  it("healthcheck.test is replaced while the rest of healthcheck merges", () => {
    expect(mergeField("healthcheck", { test: ["CMD", "a"], retries: 3 }, { test: ["CMD", "b"] })).toEqual({ test: ["CMD", "b"], retries: 3 });
  });

  it("an env_file entry in long form replaces the short entry for the same path", () => {
    expect(mergeField("env_file", [".env", "b.env"], [{ path: ".env", required: false }])).toEqual([{ path: ".env", required: false }, "b.env"]);
  });

  it("other lists are appended without exact repeats", () => {
    expect(mergeField("volumes_from", ["a"], ["a", "b"])).toEqual(["a", "b"]);
  });
});

describe("mergeStackFiles: mapping-like fields", () => {
  it.each([
    ["environment", ["A=1", "B=2"], { B: "3", C: null }, { A: "1", B: "3", C: null }],
    ["environment", { A: "1" }, ["A=2", "D"], { A: "2", D: null }],
    ["environment", ["FOO=BAR"], ["FOO=ZOT"], { FOO: "ZOT" }],
    ["environment", ["A=1"], ["A=2", "A=3"], { A: "3" }],
    ["environment", ["URL=a=b"], ["X="], { URL: "a=b", X: "" }],
    ["labels", { "com.example": "a" }, ["com.example=b", "other=c"], { "com.example": "b", other: "c" }],
    ["annotations", ["a=1"], { b: "2" }, { a: "1", b: "2" }],
    ["sysctls", { "net.core.somaxconn": 1024 }, ["net.ipv4.tcp_syncookies=0"], { "net.core.somaxconn": 1024, "net.ipv4.tcp_syncookies": "0" }],
  ])("%s merges by key: %j + %j", (field, base, override, expected) => {
    expect(mergeField(field, base, override)).toEqual(expected);
  });

  it("build.args, build.labels and deploy.labels merge by key", () => {
    expect(mergeField("build", { context: ".", args: ["A=1"], labels: { l: "1" } }, { args: { B: "2" }, labels: ["m=2"] })).toEqual({
      context: ".",
      args: { A: "1", B: "2" },
      labels: { l: "1", m: "2" },
    });
    expect(mergeField("deploy", { labels: ["a=1"], replicas: 1 }, { labels: { a: "2" } })).toEqual({ labels: { a: "2" }, replicas: 1 });
  });

  it.each([
    [["example.com=1.2.3.4"], ["localhost=127.0.0.1"], { "example.com": "1.2.3.4", localhost: "127.0.0.1" }],
    [{ "example.com": "1.2.3.4" }, ["localhost:127.0.0.1"], { "example.com": "1.2.3.4", localhost: "127.0.0.1" }],
    [["db:10.0.0.1"], { db: "10.0.0.2" }, { db: "10.0.0.2" }],
    [["db:10.0.0.1", "db:10.0.0.3"], ["v6:::1"], { db: ["10.0.0.1", "10.0.0.3"], v6: "::1" }],
  ])("extra_hosts %j + %j merge by host", (base, override, expected) => {
    expect(mergeField("extra_hosts", base, override)).toEqual(expected);
  });

  it("keeps the list form when only one file writes the field", () => {
    expect(mergeAll("services:\n  web: {image: a, environment: [A=1]}\n", "services:\n  web: {image: b}\n").services).toEqual({
      web: { image: "b", environment: ["A=1"] },
    });
  });
});

describe("mergeStackFiles: entries with an identity", () => {
  it("volumes are keyed by container path: a later entry replaces the earlier one where it stood", () => {
    expect(
      mergeField("volumes", ["/host/a:/data", "cache:/cache", "/anon"], ["/host/b:/data:ro", { type: "volume", source: "c2", target: "/cache/" }, "/new:/new"]),
    ).toEqual(["/host/b:/data:ro", { type: "volume", source: "c2", target: "/cache/" }, "/anon", "/new:/new"]);
  });

  it.each([
    [["8080:80"], ["8080:80"], ["8080:80"]],
    [["8080:80"], [{ target: 80, published: "8080" }], [{ target: 80, published: "8080" }]],
    [["127.0.0.1:8080:80"], ["10.0.0.1:8080:80"], ["127.0.0.1:8080:80", "10.0.0.1:8080:80"]],
    [["8080:80"], ["8080:80/udp"], ["8080:80", "8080:80/udp"]],
    [["80"], [80, "8081:80"], [80, "8081:80"]],
  ])("ports %j + %j: exact duplicates dropped, distinct bindings kept", (base, override, expected) => {
    expect(mergeField("ports", base, override)).toEqual(expected);
  });

  it("secrets and configs are keyed by target; the long form can replace the short one", () => {
    expect(mergeField("secrets", ["token", "other"], [{ source: "token", mode: 0o400 }, { source: "x", target: "/run/secrets/other" }])).toEqual([
      { source: "token", mode: 0o400 },
      { source: "x", target: "/run/secrets/other" },
    ]);
    expect(mergeField("configs", ["app"], [{ source: "app2", target: "/app" }, "extra"])).toEqual([{ source: "app2", target: "/app" }, "extra"]);
  });

  it("devices are keyed by container path", () => {
    expect(mergeField("devices", ["/dev/a:/dev/x", "/dev/b"], ["/dev/c:/dev/x:r"])).toEqual(["/dev/c:/dev/x:r", "/dev/b"]);
  });

  it("IPAM pools with the same subnet merge; others are appended", () => {
    const merged = mergeAll(
      "networks:\n  n:\n    ipam:\n      config:\n        - {subnet: 10.0.0.0/24, gateway: 10.0.0.1}\n",
      "networks:\n  n:\n    ipam:\n      config:\n        - {subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25}\n        - {subnet: 10.1.0.0/24}\n",
    );
    expect(merged.networks).toEqual({
      n: { ipam: { config: [{ subnet: "10.0.0.0/24", gateway: "10.0.0.1", ip_range: "10.0.0.0/25" }, { subnet: "10.1.0.0/24" }] } },
    });
  });
});

describe("mergeStackFiles: service networks, depends_on, logging, build", () => {
  it("service networks: a list becomes a mapping; aliases and link_local_ips are unions", () => {
    expect(mergeField("networks", ["front", "back"], { back: { aliases: ["db"] } })).toEqual({ front: null, back: { aliases: ["db"] } });
    expect(
      mergeField("networks", { back: { aliases: ["a"], ipv4_address: "10.0.0.2", link_local_ips: ["169.254.0.1"] } }, { back: { aliases: ["a", "b"], ipv4_address: "10.0.0.3", link_local_ips: ["169.254.0.2"] } }),
    ).toEqual({ back: { aliases: ["a", "b"], ipv4_address: "10.0.0.3", link_local_ips: ["169.254.0.1", "169.254.0.2"] } });
    expect(mergeField("networks", ["a"], ["b", "a"])).toEqual(["a", "b"]);
  });

  it("depends_on: lists stay a list; a list meeting a mapping takes Compose's long form", () => {
    expect(mergeField("depends_on", ["db"], ["cache", "db"])).toEqual(["db", "cache"]);
    expect(mergeField("depends_on", ["db", "cache"], { db: { condition: "service_healthy" } })).toEqual({
      db: { condition: "service_healthy", required: true },
      cache: { condition: "service_started", required: true },
    });
    expect(mergeField("depends_on", { db: { condition: "service_healthy", restart: true } }, ["queue"])).toEqual({
      db: { condition: "service_healthy", restart: true },
      queue: { condition: "service_started", required: true },
    });
  });

  it.each([
    [{ driver: "json-file", options: { "max-size": "1m" } }, { driver: "json-file", options: { "max-file": "3" } }, { driver: "json-file", options: { "max-size": "1m", "max-file": "3" } }],
    [{ driver: "json-file", options: { "max-size": "1m" } }, { driver: "syslog", options: { tag: "x" } }, { driver: "syslog", options: { tag: "x" } }],
    [{ driver: "json-file", options: { "max-size": "1m" } }, { options: { "max-file": "3" } }, { driver: "json-file", options: { "max-size": "1m", "max-file": "3" } }],
    [{ options: { "max-size": "1m" } }, { driver: "local" }, { driver: "local", options: { "max-size": "1m" } }],
  ])("logging %j + %j", (base, override, expected) => {
    expect(mergeField("logging", base, override)).toEqual(expected);
  });

  it.each([
    ["./a", "./b", "./b"],
    ["./a", { dockerfile: "Dev.Dockerfile" }, { context: "./a", dockerfile: "Dev.Dockerfile" }],
    [{ context: "./a", args: ["A=1"] }, "./b", { context: "./b", args: ["A=1"] }],
  ])("build %j + %j: a string is {context}", (base, override, expected) => {
    expect(mergeField("build", base, override)).toEqual(expected);
  });
});

describe("mergeStackFiles: !reset and !override", () => {
  it("!reset removes an inherited value, a whole network, or one environment variable", () => {
    const merged = mergeAll(
      "services:\n  web:\n    image: a\n    command: run\n    environment: {A: '1', B: '2'}\nnetworks:\n  back: {driver: bridge}\n  front: {}\n",
      "services:\n  web:\n    command: !reset\n    environment:\n      A: !reset\nnetworks:\n  back: !reset\n",
    );
    expect(merged).toEqual({ services: { web: { image: "a", environment: { B: "2" } } }, networks: { front: {} } });
  });

  it("!reset survives intermediate merges so that a later stage still sees it, then applyResetTags removes it", () => {
    const base = parse("services:\n  web: {image: a}\n", "a.yaml");
    const override = parse("services:\n  web:\n    command: !reset\n", "b.yaml");
    const merged = mergeStackFiles(base, override);
    expect((merged.services as { web: PlainMap }).web).toEqual({ image: "a", command: null });
    const later = mergeStackFiles(merged, parse("services:\n  web: {command: go}\n", "c.yaml"));
    applyResetTags(later);
    expect((later.services as { web: PlainMap }).web).toEqual({ image: "a", command: "go" });
    applyResetTags(merged);
    expect((merged.services as { web: PlainMap }).web).toEqual({ image: "a" });
  });

  it("!override replaces instead of merging", () => {
    const merged = mergeAll(
      "services:\n  web:\n    image: a\n    ports: ['80:80', '443:443']\n    environment: {A: '1'}\n",
      "services:\n  web:\n    ports: !override ['8080:80']\n    environment: !override {B: '2'}\n",
    );
    expect(merged.services).toEqual({ web: { image: "a", ports: ["8080:80"], environment: { B: "2" } } });
  });

  it("applyResetTags on a single file deletes tagged entries, in lists too, keeping list locations paired", () => {
    const tree = parse("services:\n  web:\n    image: a\n    command: !reset\n    dns:\n      - !reset x\n      - 1.1.1.1\n");
    applyResetTags(tree);
    expect(tree.services).toEqual({ web: { image: "a", dns: ["1.1.1.1"] } });
    expect(locatePath(tree, ["services", "web", "dns", 0])).toEqual({ file: "compose.yaml", line: 7, column: 9 });
  });
});

describe("mergeStackFiles: locations and inputs", () => {
  it("each value keeps the location of the file that wrote the winning value", () => {
    const base = parse("services:\n  web:\n    image: a\n    environment: [A=1]\n", "base.yaml");
    const override = parse("services:\n  web:\n    image: b\n    environment:\n      B: '2'\n", "override.yaml");
    const merged = mergeStackFiles(base, override);
    expect(locatePath(merged, ["services", "web", "image"])).toEqual({ file: "override.yaml", line: 3, column: 5 });
    expect(locatePath(merged, ["services", "web", "environment", "A"])).toEqual({ file: "base.yaml", line: 4, column: 19 });
    expect(locatePath(merged, ["services", "web", "environment", "B"])).toEqual({ file: "override.yaml", line: 5, column: 7 });
    expect(locatePath(merged, ["services", "web"])).toEqual({ file: "base.yaml", line: 2, column: 3 });
  });

  it("entries appended from the override point into the override file", () => {
    const merged = mergeStackFiles(parse("services:\n  web:\n    ports: ['80:80']\n", "a.yaml"), parse("services:\n  web:\n    ports:\n      - '81:81'\n", "b.yaml"));
    const ports = (merged.services as { web: { ports: PlainMap[] } }).web.ports as unknown as PlainMap;
    expect(entryLocation(ports, 1)).toEqual({ file: "b.yaml", line: 4, column: 9 });
    expect(entryLocation(ports, 0)?.file).toBe("a.yaml");
  });

  it("never modifies its inputs and shares no containers with them", () => {
    const base = parse("services:\n  web:\n    image: a\n    environment: [A=1]\n    volumes: ['./a:/data']\n", "a.yaml");
    const override = parse("services:\n  web:\n    environment: {B: '2'}\n    volumes: ['./b:/data']\n", "b.yaml");
    const before = JSON.stringify([base, override]);
    const merged = mergeStackFiles(base, override);
    expect(JSON.stringify([base, override])).toBe(before);
    const mergedWeb = (merged.services as { web: PlainMap }).web;
    (mergedWeb.volumes as string[]).push("x:/x");
    mergedWeb.image = "changed";
    expect(JSON.stringify([base, override])).toBe(before);
  });

  it("mergeService applies the same rules to one service", () => {
    expect(mergeService({ image: "a", environment: ["A=1"], command: ["x"] }, { environment: ["B=2"], command: ["y"] })).toEqual({
      image: "a",
      environment: { A: "1", B: "2" },
      command: ["y"],
    });
  });
});
