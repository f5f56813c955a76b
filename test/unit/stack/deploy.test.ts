/**
 * The typed `deploy` section and the Swarm settings of secrets and configs:
 * what the loader makes of each written field (names, milliseconds, bytes),
 * what it refuses, and that `tsd config` prints it back with Compose's keys
 * and units.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type LoadOptions, loadStack } from "../../../src/stack/load.js";
import type { Service, Stack } from "../../../src/stack/model.js";
import { renderStack } from "../../../src/stack/render.js";
import { configErrorOf } from "../support/config-error.js";
import { type TempProject, tempProject } from "../support/temp-project.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function load(stackYaml: string, options: Partial<LoadOptions> = {}): Stack {
  project = tempProject({ "compose.yaml": stackYaml });
  return loadStack({ cwd: project.dir, environment: {}, ...options }).stack;
}

/** Service `web` with `yaml` (indented under it) added. */
function web(yaml: string, options: Partial<LoadOptions> = {}): Service {
  const service = load(`services:\n  web:\n    image: nginx\n${yaml.replace(/^/gm, "    ")}\n`, options).services.web;
  if (service === undefined) throw new Error("service web was not loaded");
  return service;
}

/** The error text a user sees for `yaml` under service `web`, with the temp folder's path removed. */
function webError(yaml: string, options: Partial<LoadOptions> = {}): string {
  const message = configErrorOf(() => web(yaml, options)).message;
  return message.replaceAll(`${project?.dir ?? ""}/`, "");
}

describe("deploy: each written field, typed", () => {
  it.each([
    ["mode: global", { mode: "global" }],
    ["mode: replicated-job", { mode: "replicated-job" }],
    ["replicas: '4'", { replicas: 4 }],
    ["labels: [com.example.tier=web, bare]", { labels: { "com.example.tier": "web", bare: "" } }],
    ["endpoint_mode: dnsrr", { endpointMode: "dnsrr" }],
    [
      "placement: {constraints: [node.role==manager], preferences: [{spread: node.labels.zone}], max_replicas_per_node: 2}",
      { placement: { constraints: ["node.role==manager"], preferences: [{ spread: "node.labels.zone" }], maxReplicasPerNode: 2 } },
    ],
    [
      "update_config: {parallelism: 2, delay: 1m30s, failure_action: rollback, monitor: 500ms, max_failure_ratio: 0.25, order: start-first}",
      { updateConfig: { parallelism: 2, delayMs: 90_000, failureAction: "rollback", monitorMs: 500, maxFailureRatio: 0.25, order: "start-first" } },
    ],
    ["rollback_config: {parallelism: 0, delay: 2s, failure_action: pause, order: stop-first}", { rollbackConfig: { parallelism: 0, delayMs: 2000, failureAction: "pause", order: "stop-first" } }],
    [
      "restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}",
      { restartPolicy: { condition: "on-failure", delayMs: 5000, maxAttempts: 3, windowMs: 120_000 } },
    ],
    ["resources: {limits: {cpus: '0.5', memory: 512m, pids: 100}}", { resources: { limits: { cpus: 0.5, memoryBytes: 512 * 1024 ** 2, pids: 100 } } }],
    [
      "resources: {reservations: {cpus: 0.25, memory: 1g, generic_resources: [{discrete_resource_spec: {kind: gpu, value: 2}}]}}",
      { resources: { reservations: { cpus: 0.25, memoryBytes: 1024 ** 3, genericResources: [{ discrete_resource_spec: { kind: "gpu", value: 2 } }] } } },
    ],
  ])("deploy: {%s}", (written, expected) => {
    expect(web(`deploy: {${written}}`).deploy).toEqual(expected);
  });

  it("keeps only what was written: no deploy, an empty one, and empty sub-sections stay as they are", () => {
    expect(web("").deploy).toBeUndefined();
    expect(web("deploy:").deploy).toBeUndefined();
    expect(web("deploy: {}").deploy).toEqual({});
    expect(web("deploy: {placement: {}, update_config: {}, labels: {}}").deploy).toEqual({ placement: {}, updateConfig: {}, labels: {} });
  });

  it("keeps deploy.replicas as written while Service.replicas is the count to run", () => {
    const scaled = web("scale: 3\ndeploy: {mode: replicated}");
    expect([scaled.replicas, scaled.deploy]).toEqual([3, { mode: "replicated" }]);
    const replicated = web("deploy: {replicas: 2}");
    expect([replicated.replicas, replicated.deploy?.replicas]).toEqual([2, 2]);
  });

  it("keeps deploy.resources as written; the service's resources merge both places", () => {
    const service = web("mem_limit: 512m\ndeploy: {resources: {limits: {pids: 100}}}");
    expect(service.deploy?.resources).toEqual({ limits: { pids: 100 } });
    expect(service.resources).toEqual({ memLimit: 512 * 1024 ** 2, pidsLimit: 100 });
  });

  it("reads a failure_action given through a variable", () => {
    expect(web("deploy: {update_config: {failure_action: '${ACTION}'}}", { environment: { ACTION: "continue" } }).deploy).toEqual({
      updateConfig: { failureAction: "continue" },
    });
  });
});

describe("deploy: what the loader refuses", () => {
  it("a failure_action the engine does not know, located", () => {
    expect(webError("deploy:\n  update_config:\n    failure_action: retry")).toBe(
      'compose.yaml:6:9 services.web.deploy.update_config.failure_action: must be "continue", "rollback" or "pause"',
    );
  });

  it("a failure_action from a variable, located at the key that uses it", () => {
    expect(webError("deploy:\n  rollback_config: {failure_action: '${ACTION}'}", { environment: { ACTION: "stop" } })).toBe(
      'compose.yaml:5:25 services.web.deploy.rollback_config.failure_action: must be "continue", "rollback" or "pause"',
    );
  });

  it("an unknown mode, naming all four", () => {
    expect(webError("deploy: {mode: single}")).toBe('compose.yaml:4:14 services.web.deploy.mode: must be "replicated", "global", "replicated-job" or "global-job"');
  });

  it("a placement preference that is not a spread", () => {
    expect(webError("deploy:\n  placement:\n    preferences: [{sprad: node.labels.zone}]")).toBe(
      [
        'compose.yaml:6:23 services.web.deploy.placement.preferences[0]: missing required key "spread"',
        'compose.yaml:6:24 services.web.deploy.placement.preferences[0].sprad: unknown key "sprad", did you mean "spread"?',
      ].join("\n"),
    );
  });
});

describe("secrets and configs: Swarm's settings are kept", () => {
  it("labels, driver, driver_opts and template_driver", () => {
    const stack = load(
      [
        "services: {web: {image: nginx}}",
        "secrets:",
        "  token: {environment: TOKEN, labels: [owner=ops], driver: vault, driver_opts: {path: secret/token}}",
        "configs:",
        "  site: {content: x, template_driver: golang, labels: {tier: web}}",
        "",
      ].join("\n"),
    );
    expect(stack.secrets.token).toEqual({
      key: "token",
      name: `${stack.name}_token`,
      external: false,
      environment: "TOKEN",
      labels: { owner: "ops" },
      driver: "vault",
      driverOpts: { path: "secret/token" },
    });
    expect(stack.configs.site).toEqual({ key: "site", name: `${stack.name}_site`, external: false, content: "x", labels: { tier: "web" }, templateDriver: "golang" });
    expect(renderStack(stack).secrets?.token).toEqual({
      name: `${stack.name}_token`,
      environment: "TOKEN",
      labels: { owner: "ops" },
      driver: "vault",
      driver_opts: { path: "secret/token" },
    });
    expect(renderStack(stack).configs?.site).toEqual({ name: `${stack.name}_site`, content: "x", labels: { tier: "web" }, template_driver: "golang" });
  });
});

describe("tsd config prints deploy with Compose's keys and units", () => {
  it("durations as Go durations, sizes as bytes, in compose-go's key order", () => {
    const stack = load(
      [
        "services:",
        "  web:",
        "    image: nginx",
        "    deploy:",
        "      endpoint_mode: vip",
        "      placement: {constraints: [node.role==worker], preferences: [{spread: node.id}], max_replicas_per_node: 1}",
        "      restart_policy: {condition: any, delay: 1500ms, window: 1h}",
        "      resources: {limits: {memory: 64m}, reservations: {memory: 32m, cpus: 0.5}}",
        "      rollback_config: {monitor: 1m30s}",
        "      update_config: {delay: 10s, failure_action: continue, max_failure_ratio: 0.5}",
        "      labels: {a: b}",
        "      replicas: 2",
        "      mode: replicated",
        "",
      ].join("\n"),
    );
    const rendered = renderStack(stack).services.web?.deploy;
    expect(rendered).toEqual({
      mode: "replicated",
      replicas: 2,
      labels: { a: "b" },
      update_config: { delay: "10s", failure_action: "continue", max_failure_ratio: 0.5 },
      rollback_config: { monitor: "1m30s" },
      resources: { limits: { memory: String(64 * 1024 ** 2) }, reservations: { memory: String(32 * 1024 ** 2), cpus: 0.5 } },
      restart_policy: { condition: "any", delay: "1.5s", window: "1h0m0s" },
      placement: { constraints: ["node.role==worker"], preferences: [{ spread: "node.id" }], max_replicas_per_node: 1 },
      endpoint_mode: "vip",
    });
    expect(Object.keys(rendered ?? {})).toEqual(["mode", "replicas", "labels", "update_config", "rollback_config", "resources", "restart_policy", "placement", "endpoint_mode"]);
  });

  it("a resource stated in deploy.resources is not repeated at the service level; one written only there is printed there", () => {
    const same = renderStack(load("services:\n  web: {image: nginx, mem_limit: 1g, cpus: 2, deploy: {resources: {limits: {memory: 1g}}}}\n")).services.web;
    expect([same?.mem_limit, same?.cpus, same?.deploy?.resources?.limits]).toEqual([undefined, 2, { memory: String(1024 ** 3) }]);
  });
});
