import { describe, expect, it } from "vitest";
import { serviceContainerSpec } from "../../../../../src/targets/docker/spec/service-spec.js";
import { joins, makeStack } from "../../../support/stack-builder.js";
import { loadYaml } from "./load-yaml.js";

const stack = loadYaml(`
services:
  web:
    image: nginx
    mac_address: "02:42:ac:11:00:02"
    networks:
      back:
        aliases: [www, web]
        ipv4_address: 10.5.0.10
        ipv6_address: "fd00::10"
        mac_address: "02:42:ac:11:00:03"
        link_local_ips: [169.254.8.8]
        driver_opts: {com.example.opt: "1"}
      front:
        priority: 100
  worker:
    image: app
  sidecar:
    image: app
    network_mode: service:web
    ipc: service:web
    pid: service:worker
  host:
    image: app
    network_mode: host
  boxed:
    image: app
    network_mode: container:some-container
  offline:
    image: app
    network_mode: none
networks:
  front: {}
  back:
    ipam: {config: [{subnet: 10.5.0.0/16}]}
`);

describe("network attachments", () => {
  it("carry aliases (the service name first, once), addresses, link-local IPs and driver options; primary by priority", () => {
    const spec = serviceContainerSpec(stack, "web", 1);
    expect(spec.host.networkMode).toBe("demo_front");
    expect(spec.macAddress).toBe("02:42:ac:11:00:02");
    expect(spec.networks).toEqual([
      { network: "demo_front", aliases: ["web"], linkLocalIps: [], driverOpts: {} },
      {
        network: "demo_back",
        aliases: ["web", "www"],
        ipv4Address: "10.5.0.10",
        ipv6Address: "fd00::10",
        macAddress: "02:42:ac:11:00:03",
        linkLocalIps: ["169.254.8.8"],
        driverOpts: { "com.example.opt": "1" },
      },
    ]);
  });

  it("join the default network when the service lists none", () => {
    const spec = serviceContainerSpec(stack, "worker", 1);
    expect(spec.host.networkMode).toBe("demo_default");
    expect(spec.networks).toEqual([{ network: "demo_default", aliases: ["worker"], linkLocalIps: [], driverOpts: {} }]);
  });

  it("fall back to the stack's default network, then Docker's bridge, for hand-built stacks", () => {
    const withDefault = makeStack({ name: "demo", services: { web: {} }, networks: { default: {} } });
    expect(serviceContainerSpec(withDefault, "web", 1).host.networkMode).toBe("demo_default");
    const bare = makeStack({ name: "demo", services: { web: {} } });
    expect(serviceContainerSpec(bare, "web", 1).host.networkMode).toBe("bridge");
    expect(serviceContainerSpec(bare, "web", 1).networks).toEqual([]);
    const joined = makeStack({ name: "demo", services: { web: { networks: joins("b", "a") } }, networks: { a: {}, b: {} } });
    expect(serviceContainerSpec(joined, "web", 1).networks.map((network) => network.network)).toEqual(["demo_a", "demo_b"]);
  });
});

describe("network_mode and namespaces", () => {
  it("service:x shares x's first replica; ipc and pid likewise", () => {
    const spec = serviceContainerSpec(stack, "sidecar", 1);
    expect(spec.host.networkMode).toBe("container:demo-web-1");
    expect(spec.networks).toEqual([]);
    expect(spec.host.ipcMode).toBe("container:demo-web-1");
    expect(spec.host.pidMode).toBe("container:demo-worker-1");
  });

  it.each([
    ["host", "host"],
    ["boxed", "container:some-container"],
    ["offline", "none"],
  ])("%s runs with network mode %s and no attachment", (service, mode) => {
    const spec = serviceContainerSpec(stack, service, 1);
    expect(spec.host.networkMode).toBe(mode);
    expect(spec.networks).toEqual([]);
  });
});
