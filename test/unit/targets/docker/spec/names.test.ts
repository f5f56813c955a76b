import { describe, expect, it } from "vitest";
import { InternalError } from "../../../../../src/base/errors.js";
import {
  dataContainerName,
  namespaceMode,
  networkEngineName,
  serviceContainerName,
  serviceImage,
  volumeEngineName,
} from "../../../../../src/stack/names.js";
import { makeStack } from "../../../support/stack-builder.js";
import { loadYaml } from "./load-yaml.js";

const stack = loadYaml(`
services:
  web:
    image: nginx:1.27
    scale: 2
    networks: [front]
  api:
    build: .
  db:
    image: postgres:16
    container_name: the-db
    volumes: [data:/var/lib/postgresql/data, logs:/logs]
data_containers:
  seed:
    image: busybox
networks:
  front: {}
  shared: {external: true, name: corp-net}
volumes:
  data: {}
  logs: {name: kept-logs}
`);

describe("container names", () => {
  it("are <project>-<service>-<replica>, replicas from 1, as Compose v2 names them", () => {
    expect(serviceContainerName(stack, "web", 1)).toBe("demo-web-1");
    expect(serviceContainerName(stack, "web", 2)).toBe("demo-web-2");
  });

  it("are container_name when set, for its one replica only", () => {
    expect(serviceContainerName(stack, "db", 1)).toBe("the-db");
    expect(() => serviceContainerName(stack, "db", 2)).toThrow(InternalError);
  });

  it("refuse replica 0 and unknown services as bugs", () => {
    expect(() => serviceContainerName(stack, "web", 0)).toThrow(/replicas count from 1/);
    expect(() => serviceContainerName(stack, "nope", 1)).toThrow(InternalError);
  });

  it("are <project>-<key> for data containers", () => {
    expect(dataContainerName(stack, "seed")).toBe("demo-seed");
  });
});

describe("image names", () => {
  it("are the image when set", () => {
    expect(serviceImage(stack, "web")).toBe("nginx:1.27");
  });

  it("are <project>-<service> for a build without image, lower-cased as image references must be", () => {
    expect(serviceImage(stack, "api")).toBe("demo-api");
    const built = makeStack({ name: "demo", services: { Api: { image: undefined } } });
    expect(serviceImage(built, "Api")).toBe("demo-api");
  });
});

describe("resource names", () => {
  it("come from the model: <project>_<key>, name:, or the external name", () => {
    expect(networkEngineName(stack, "front")).toBe("demo_front");
    expect(networkEngineName(stack, "shared")).toBe("corp-net");
    expect(volumeEngineName(stack, "data")).toBe("demo_data");
    expect(volumeEngineName(stack, "logs")).toBe("kept-logs");
  });

  it("namespace modes service:x become container:<x's first replica>; others pass", () => {
    expect(namespaceMode(stack, "service:db")).toBe("container:the-db");
    expect(namespaceMode(stack, "service:web")).toBe("container:demo-web-1");
    expect(namespaceMode(stack, "host")).toBe("host");
    expect(namespaceMode(stack, "container:other")).toBe("container:other");
    expect(namespaceMode(stack, undefined)).toBeUndefined();
  });
});
