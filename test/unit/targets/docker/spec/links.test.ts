import { describe, expect, it } from "vitest";
import { serviceContainerSpec } from "../../../../../src/targets/docker/spec/service-spec.js";
import { loadYaml } from "./load-yaml.js";

const stack = loadYaml(`
services:
  web:
    image: app
    links: [db, "cache:redis-main"]
    environment:
      APP: "1"
      DB_NAME: overridden
    networks: [front, back]
  db:
    image: postgres
    expose: ["8080"]
    networks: [back]
  cache:
    image: redis
    ports: ["6379", "9000:9000/udp"]
    expose: ["16379"]
    networks: [front, back]
  legacy:
    image: app
    network_mode: bridge
    links: [db]
networks:
  front: {}
  back: {}
`);

describe("links on user-defined networks", () => {
  const spec = serviceContainerSpec(stack, "web", 1);

  it("set the link variables, addressed by alias, with the service's own environment winning", () => {
    expect(spec.env).toEqual([
      "DB_PORT=tcp://db:8080",
      "DB_PORT_8080_TCP=tcp://db:8080",
      "DB_PORT_8080_TCP_ADDR=db",
      "DB_PORT_8080_TCP_PORT=8080",
      "DB_PORT_8080_TCP_PROTO=tcp",
      "REDIS_MAIN_PORT=tcp://redis-main:6379",
      "REDIS_MAIN_PORT_6379_TCP=tcp://redis-main:6379",
      "REDIS_MAIN_PORT_6379_TCP_ADDR=redis-main",
      "REDIS_MAIN_PORT_6379_TCP_PORT=6379",
      "REDIS_MAIN_PORT_6379_TCP_PROTO=tcp",
      "REDIS_MAIN_PORT_9000_UDP=udp://redis-main:9000",
      "REDIS_MAIN_PORT_9000_UDP_ADDR=redis-main",
      "REDIS_MAIN_PORT_9000_UDP_PORT=9000",
      "REDIS_MAIN_PORT_9000_UDP_PROTO=udp",
      "REDIS_MAIN_PORT_16379_TCP=tcp://redis-main:16379",
      "REDIS_MAIN_PORT_16379_TCP_ADDR=redis-main",
      "REDIS_MAIN_PORT_16379_TCP_PORT=16379",
      "REDIS_MAIN_PORT_16379_TCP_PROTO=tcp",
      "REDIS_MAIN_NAME=/demo-web-1/redis-main",
      "APP=1",
      "DB_NAME=overridden",
    ]);
  });

  it("name the linking replica in _NAME", () => {
    expect(serviceContainerSpec(stack, "web", 2).env).toContain("REDIS_MAIN_NAME=/demo-web-2/redis-main");
  });

  it("are endpoint links (container:alias) on each network the two share, and nowhere else", () => {
    expect(spec.networks.map((network) => [network.network, network.links])).toEqual([
      ["demo_back", ["demo-db-1:db", "demo-cache-1:redis-main"]],
      ["demo_front", ["demo-cache-1:redis-main"]],
    ]);
    expect(spec.host.links).toEqual([]);
  });
});

describe("links on the default bridge", () => {
  it("are HostConfig links, and the engine sets the variables itself (with the real IP)", () => {
    const spec = serviceContainerSpec(stack, "legacy", 1);
    expect(spec.host.networkMode).toBe("bridge");
    expect(spec.host.links).toEqual(["demo-db-1:db"]);
    expect(spec.networks).toEqual([]);
    expect(spec.env).toEqual([]);
  });
});
