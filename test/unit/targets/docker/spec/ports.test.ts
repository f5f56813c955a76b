import { describe, expect, it } from "vitest";
import { serviceContainerSpec } from "../../../../../src/targets/docker/spec/service-spec.js";
import { loadYaml } from "./load-yaml.js";

function portsOf(ports: string, expose = "[]") {
  const stack = loadYaml(`services:\n  web:\n    image: nginx\n    ports: ${ports}\n    expose: ${expose}\n`);
  const spec = serviceContainerSpec(stack, "web", 1);
  return { exposedPorts: spec.exposedPorts, portBindings: spec.host.portBindings };
}

describe("ports → exposed ports and bindings", () => {
  it("a range with a protocol binds each container port to its host port", () => {
    expect(portsOf(`["8080-8081:80-81/udp"]`)).toEqual({
      exposedPorts: ["80/udp", "81/udp"],
      portBindings: { "80/udp": [{ hostIp: "", hostPort: "8080" }], "81/udp": [{ hostIp: "", hostPort: "8081" }] },
    });
  });

  it("a host IP with no host port asks for an ephemeral port on that interface", () => {
    expect(portsOf(`["127.0.0.1::80"]`)).toEqual({
      exposedPorts: ["80/tcp"],
      portBindings: { "80/tcp": [{ hostIp: "127.0.0.1", hostPort: "" }] },
    });
  });

  it("a container port alone is published on an ephemeral port, as Compose does", () => {
    expect(portsOf(`["3000"]`).portBindings).toEqual({ "3000/tcp": [{ hostIp: "", hostPort: "" }] });
  });

  it("a host range for one container port is passed as a range for the engine to pick from", () => {
    expect(portsOf(`["9000-9001:80"]`).portBindings).toEqual({ "80/tcp": [{ hostIp: "", hostPort: "9000-9001" }] });
  });

  it("several entries for one container port add up; IPv6 host IPs keep no brackets", () => {
    expect(portsOf(`["80:80", "[::1]:8080:80", {target: 443, published: "8443", host_ip: 0.0.0.0, protocol: tcp}]`).portBindings).toEqual({
      "80/tcp": [
        { hostIp: "", hostPort: "80" },
        { hostIp: "::1", hostPort: "8080" },
      ],
      "443/tcp": [{ hostIp: "0.0.0.0", hostPort: "8443" }],
    });
  });

  it("expose only exposes, after published ports, without repeats", () => {
    expect(portsOf(`["8080:80"]`, `["80", "5000-5001", "6000/udp"]`)).toEqual({
      exposedPorts: ["80/tcp", "5000/tcp", "5001/tcp", "6000/udp"],
      portBindings: { "80/tcp": [{ hostIp: "", hostPort: "8080" }] },
    });
  });
});
