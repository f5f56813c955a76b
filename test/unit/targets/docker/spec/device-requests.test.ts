/**
 * `gpus` and `deploy.resources.reservations.devices` become the engine's
 * device requests, as Compose sends them; `attach: false` is kept and does
 * not change the config hash.
 */
import { describe, expect, it } from "vitest";
import { LABEL_CONFIG_HASH } from "../../../../../src/base/labels.js";
import { serviceContainerSpec } from "../../../../../src/targets/docker/spec/service-spec.js";
import { loadYaml } from "./load-yaml.js";

describe("device requests", () => {
  it("gpus: all is every GPU; reservations keep driver, count and capabilities; IDs go without a count", () => {
    const stack = loadYaml(`services:
  web:
    image: a
    gpus: all
    deploy:
      resources:
        reservations:
          devices:
            - {driver: nvidia, count: 2, capabilities: [gpu, utility]}
            - {driver: nvidia, device_ids: ["0", "3"], capabilities: [compute], options: {virtualization: "false"}}
`);
    expect(serviceContainerSpec(stack, "web", 1).host.deviceRequests).toEqual([
      { driver: "", count: -1, deviceIds: [], capabilities: ["gpu"], options: {} },
      { driver: "nvidia", count: 2, deviceIds: [], capabilities: ["gpu", "utility"], options: {} },
      { driver: "nvidia", count: 0, deviceIds: ["0", "3"], capabilities: ["compute"], options: { virtualization: "false" } },
    ]);
  });

  it("none written: no device requests", () => {
    expect(serviceContainerSpec(loadYaml("services:\n  web: {image: a}\n"), "web", 1).host.deviceRequests).toBeUndefined();
  });

  it("attach: false loads, and does not change the config hash", () => {
    const hash = (yaml: string) => serviceContainerSpec(loadYaml(yaml), "web", 1).labels[LABEL_CONFIG_HASH];
    const attached = loadYaml("services:\n  web: {image: a, attach: false}\n");
    expect(attached.services.web?.attach).toBe(false);
    expect(hash("services:\n  web: {image: a, attach: false}\n")).toBe(hash("services:\n  web: {image: a}\n"));
  });
});
