import { describe, expect, it } from "vitest";
import { canonicalJson, configHash, dataContainerConfig } from "../../../../../src/targets/docker/spec/config-hash.js";
import { dataContainerSpec } from "../../../../../src/targets/docker/spec/data-container-spec.js";
import { loadYaml } from "./load-yaml.js";

const stack = loadYaml(`
data_containers:
  wwwdata:
    image: busybox:1.36
    volumes: [/var/lib/www]
    command: ["sh", "-c", "echo hi > /var/lib/www/index.html"]
    labels: {purpose: seed}
services:
  web:
    image: busybox
    volumes_from: [wwwdata:ro]
`);

describe("dataContainerSpec", () => {
  it("holds volumes and runs its command once: no ports, no network, no restart, tsd's labels only", () => {
    const config = dataContainerConfig(stack, "wwwdata");
    const spec = dataContainerSpec(stack, "wwwdata", { version: "1.2.3" });
    const { host, ...container } = spec;
    expect(container).toEqual({
      name: "demo-wwwdata",
      image: "busybox:1.36",
      labels: {
        purpose: "seed",
        "dev.tsd.project": "demo",
        "dev.tsd.project.id": stack.projectId,
        "dev.tsd.project.dir": stack.projectDir,
        "dev.tsd.project.files": `${stack.projectDir}/compose.yaml`,
        "dev.tsd.service": "wwwdata",
        "dev.tsd.kind": "data-container",
        "dev.tsd.config-hash": configHash(config),
        "dev.tsd.config": canonicalJson(config),
        "dev.tsd.version": "1.2.3",
      },
      env: [],
      cmd: ["sh", "-c", "echo hi > /var/lib/www/index.html"],
      tty: false,
      openStdin: false,
      exposedPorts: [],
      networks: [],
    });
    const { mounts, restartPolicy, networkMode, ...rest } = host;
    expect({ mounts, restartPolicy, networkMode }).toEqual({
      mounts: [{ type: "volume", target: "/var/lib/www", readOnly: false, noCopy: false }],
      restartPolicy: { name: "no", maximumRetryCount: 0 },
      networkMode: "none",
    });
    // Everything else is Docker's default: empty lists and maps, nothing privileged.
    const isEmpty = (value: unknown): boolean => value === false || (typeof value === "object" && value !== null && Object.keys(value).length === 0);
    expect(Object.entries(rest).filter(([, value]) => !isEmpty(value))).toEqual([]);
  });

  it("without a command gets a harmless one, so an image without CMD can be created; the config hash does not change", () => {
    const bare = loadYaml("data_containers:\n  files:\n    image: example/files-only:1\n    volumes: [/www]\n");
    expect(dataContainerSpec(bare, "files").cmd).toEqual(["true"]);
    expect(dataContainerConfig(bare, "files")).not.toHaveProperty("command");
  });

  it("has a config of its image, mounts, command and labels", () => {
    expect(dataContainerConfig(stack, "wwwdata")).toEqual({
      command: ["sh", "-c", "echo hi > /var/lib/www/index.html"],
      image: "busybox:1.36",
      labels: { purpose: "seed" },
      name: "wwwdata",
      volumes: [{ nocopy: false, readOnly: false, target: "/var/lib/www", type: "volume" }],
    });
  });
});
