/**
 * `singleEngineWarnings`: what a single engine tells the user it will not
 * apply. The strings are pinned: users read them on every run, and they used
 * to come from the loader in exactly this form and order.
 */
import { afterEach, describe, expect, it } from "vitest";
import { loadStack } from "../../../../src/stack/load.js";
import type { Stack } from "../../../../src/stack/model.js";
import { singleEngineWarnings } from "../../../../src/targets/docker/check.js";
import { type TempProject, tempProject } from "../../support/temp-project.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function load(stackYaml: string): Stack {
  project = tempProject({ "compose.yaml": stackYaml });
  return loadStack({ cwd: project.dir, environment: { TOKEN: "t" } }).stack;
}

const ignored = (path: string): string => `${path} is used only in Swarm mode; tsd ignores it on a single engine`;

describe("singleEngineWarnings", () => {
  it("names every Swarm-only setting: services by name, then secrets, then configs", () => {
    const stack = load(`
services:
  web:
    image: nginx
    secrets: [token]
    configs: [site]
    deploy:
      update_config: {parallelism: 1}
      rollback_config: {order: stop-first}
      placement: {constraints: [node.role==worker]}
      mode: global
      labels: {tier: web}
      endpoint_mode: dnsrr
      restart_policy: {condition: on-failure, max_attempts: 3, delay: 5s, window: 1m}
      resources:
        limits: {memory: 64m}
        reservations: {cpus: 0.5, generic_resources: [{discrete_resource_spec: {kind: gpu, value: 1}}]}
  api:
    image: api
    deploy: {placement: {}}
secrets:
  token: {environment: TOKEN, driver: vault, driver_opts: {path: a}}
configs:
  site: {content: x, template_driver: golang}
  other: {content: y, driver: store, driver_opts: {}}
`);
    expect(singleEngineWarnings(stack)).toEqual([
      ignored("services.api.deploy.placement"),
      ignored("services.web.deploy.endpoint_mode"),
      ignored("services.web.deploy.labels"),
      ignored("services.web.deploy.mode"),
      ignored("services.web.deploy.placement"),
      ignored("services.web.deploy.rollback_config"),
      ignored("services.web.deploy.update_config"),
      ignored("services.web.deploy.restart_policy.delay"),
      ignored("services.web.deploy.restart_policy.window"),
      ignored("services.web.deploy.resources.reservations.generic_resources"),
      ignored("secrets.token.driver"),
      ignored("secrets.token.driver_opts"),
      ignored("configs.other.driver"),
      ignored("configs.other.driver_opts"),
      ignored("configs.site.template_driver"),
    ]);
  });

  it("says nothing about what a single engine applies: replicas, resources, the restart condition, mode replicated", () => {
    const stack = load(`
services:
  web:
    image: nginx
    deploy:
      mode: replicated
      replicas: 2
      restart_policy: {condition: on-failure, max_attempts: 3}
      resources: {limits: {cpus: 1, memory: 64m, pids: 50}, reservations: {cpus: 0.5, memory: 32m}}
secrets:
  token: {environment: TOKEN, labels: {owner: ops}}
`);
    expect(singleEngineWarnings(stack)).toEqual([]);
  });

  it("reads the typed model, so a stack built in code is checked the same way", () => {
    const stack = load("services:\n  web: {image: nginx}\n");
    const web = stack.services.web;
    if (web === undefined) throw new Error("service web was not loaded");
    const withDeploy: Stack = { ...stack, services: { web: { ...web, deploy: { endpointMode: "vip", restartPolicy: { windowMs: 0 } } } } };
    expect(singleEngineWarnings(stack)).toEqual([]);
    expect(singleEngineWarnings(withDeploy)).toEqual([ignored("services.web.deploy.endpoint_mode"), ignored("services.web.deploy.restart_policy.window")]);
  });
});
