import { describe, expect, it } from "vitest";
import { LABEL_CONFIG, LABEL_CONFIG_HASH } from "../../../../../src/base/labels.js";
import { canonicalJson, changedFields, configHash, serviceConfig } from "../../../../../src/targets/docker/spec/config-hash.js";
import { serviceContainerSpec } from "../../../../../src/targets/docker/spec/service-spec.js";
import { dependency, makeStack } from "../../../support/stack-builder.js";
import { loadYaml } from "./load-yaml.js";

const base = `
services:
  web:
    image: nginx:1.27
    environment: {API_URL: http://api, MODE: prod}
    ports: ["8080-8082:80"]
    volumes: [data:/data]
    depends_on: [api]
  api:
    image: api:1
    expose: ["9000"]
volumes:
  data: {}
`;

function hashOf(yaml: string, service = "web"): string {
  return configHash(serviceConfig(loadYaml(yaml), service));
}

describe("configHash", () => {
  it("does not depend on key order, at any level", () => {
    expect(configHash({ a: 1, b: { c: 2, d: [3, { e: 4, f: 5 }] } })).toBe(configHash({ b: { d: [3, { f: 5, e: 4 }], c: 2 }, a: 1 }));
    const ordered = makeStack({ services: { web: { environment: { A: "1", B: "2" }, labels: { x: "1", y: "2" } } } });
    const shuffled = makeStack({ services: { web: { labels: { y: "2", x: "1" }, environment: { B: "2", A: "1" } } } });
    expect(configHash(serviceConfig(ordered, "web"))).toBe(configHash(serviceConfig(shuffled, "web")));
  });

  it("is a sha256 hex digest, stable across runs", () => {
    expect(configHash({})).toBe("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  });

  it("is unchanged when only replicas, depends_on, build, pull_policy, profiles, develop or x- fields change", () => {
    const edited = base.replace(
      "    depends_on: [api]\n",
      [
        "    depends_on: {api: {condition: service_healthy}}",
        "    scale: 3",
        "    pull_policy: always",
        "    x-note: hi",
        "    build: .",
        "    profiles: [web]",
        "    develop: {watch: [{action: rebuild, path: ./src}]}",
        "",
      ].join("\n"),
    );
    const stack = loadYaml(edited, {}, { profiles: ["web"] });
    expect(configHash(serviceConfig(stack, "web"))).toBe(hashOf(base));
    expect(stack.services.web?.replicas).toBe(3);
  });

  it("is unchanged by Swarm-only settings: deploy (beyond what merges into resources and restart) and the Swarm fields of secrets", () => {
    const withSecret = (service: string, secret: string) =>
      base.replace("    depends_on: [api]\n", `    depends_on: [api]\n    secrets: [token]\n${service}`).concat(`secrets:\n  token: {environment: TOKEN${secret}}\n`);
    const swarm = withSecret(
      "    deploy: {mode: global, labels: {a: b}, endpoint_mode: dnsrr, placement: {constraints: [node.role==worker]}, update_config: {failure_action: rollback}, rollback_config: {delay: 1s}, restart_policy: {condition: none, delay: 5s, window: 1m}}\n",
      ", labels: {owner: ops}, driver: vault, driver_opts: {path: a}",
    );
    expect(hashOf(swarm)).toBe(hashOf(withSecret("", "")));
  });

  it("changes with the environment", () => {
    expect(hashOf(base.replace("http://api", "http://api:9000"))).not.toBe(hashOf(base));
  });

  it("is unchanged when a volume key is renamed but its engine name stays", () => {
    const renamed = base.replace("data:/data", "store:/data").replace("  data: {}", "  store: {name: demo_data}");
    expect(hashOf(renamed)).toBe(hashOf(base));
  });

  it("changes when a linked service offers another port: the link variables change", () => {
    const linked = base.replace("    depends_on: [api]\n", "    links: [api]\n");
    expect(hashOf(linked.replace('expose: ["9000"]', 'expose: ["9000", "9001"]'))).not.toBe(hashOf(linked));
  });

  it("ignores what only the planner knows: replica number and re-mounted anonymous volumes", () => {
    const stack = loadYaml(base);
    const labels = (replica: number, anonymousVolumes = {}) => serviceContainerSpec(stack, "web", replica, { anonymousVolumes }).labels[LABEL_CONFIG_HASH];
    expect(labels(2, { "/cache": "f".repeat(64) })).toBe(labels(1));
  });
});

describe("serviceConfig", () => {
  it("resolves references to engine names and leaves out fields that must not recreate", () => {
    const stack = makeStack({
      name: "demo",
      services: {
        web: {
          replicas: 2,
          dependsOn: { api: dependency() },
          volumesFrom: [{ kind: "service", name: "api", readOnly: true }],
          networkMode: { kind: "service", service: "api" },
          resources: { cpus: 1, cpusReservation: 0.5, cpuQuota: 50000 },
        },
        api: {},
      },
    });
    const config = serviceConfig(stack, "web");
    // restart and containerName are changed in place: compared with the container, not hashed.
    for (const field of ["replicas", "dependsOn", "build", "pullPolicy", "profiles", "develop", "extensions", "envFiles", "deploy", "restart", "containerName"]) {
      expect(config).not.toHaveProperty(field);
    }
    expect(config).toMatchObject({
      image: "alpine",
      networkMode: "container:demo-api-1",
      networks: {},
      // cpus is changed in place and left out; a CPU quota is not among the in-place fields and stays.
      resources: { cpuQuota: 50000 },
      volumesFrom: [{ kind: "service", name: "api", readOnly: true, container: "demo-api-1" }],
    });
    expect(Object.keys(config)).toEqual([...Object.keys(config)].sort());
  });

  it("keys networks by engine name", () => {
    const config = serviceConfig(loadYaml(`services:\n  web: {image: x, networks: {front: {aliases: [w]}}}\nnetworks:\n  front: {name: shared-front}\n`), "web");
    expect(config.networks).toEqual({ "shared-front": { aliases: ["w"], driverOpts: {}, linkLocalIps: [] } });
  });
});

describe("changedFields", () => {
  it("lists dotted paths of changed, added and removed keys, sorted; arrays compare as wholes", () => {
    expect(
      changedFields(
        { image: "a", environment: { API_URL: "x", OLD: "1", SAME: "s" }, ports: [{ target: 80 }, { target: 81 }], tty: false },
        { image: "b", environment: { API_URL: "y", NEW: "2", SAME: "s" }, ports: [{ target: 80 }], tty: false, healthcheck: { test: ["NONE"] } },
      ),
    ).toEqual(["environment.API_URL", "environment.NEW", "environment.OLD", "healthcheck", "image", "ports"]);
  });

  it("finds nothing between a config and its label, parsed back", () => {
    const stack = loadYaml(base);
    const label = serviceContainerSpec(stack, "web", 1).labels[LABEL_CONFIG] ?? "";
    expect(label).toBe(canonicalJson(serviceConfig(stack, "web")));
    expect(changedFields(JSON.parse(label), serviceConfig(stack, "web"))).toEqual([]);
  });

  it("names what a stack edit changed", () => {
    const before = serviceConfig(loadYaml(base), "web");
    const after = serviceConfig(loadYaml(base.replace("http://api", "http://api:9000").replace("nginx:1.27", "nginx:1.28").replace('"8080-8082:80"', '"8081:80"')), "web");
    expect(changedFields(before, after)).toEqual(["environment.API_URL", "image", "ports"]);
  });

  it("reports the whole value as the empty path when there is no object to walk", () => {
    expect(changedFields(undefined, { image: "a" })).toEqual([""]);
    expect(changedFields(null, null)).toEqual([]);
  });
});
