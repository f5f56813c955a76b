/**
 * The `deploy` section: what the loader refuses.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type LoadOptions, loadStack } from "../../../src/stack/load.js";
import type { Service, Stack } from "../../../src/stack/model.js";
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
