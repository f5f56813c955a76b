import { describe, expect, it } from "vitest";
import { audit, hardened, hardenedWith } from "./audit-stack.js";

describe("host-namespace", () => {
  it.each(["network_mode: host", "pid: host", "ipc: host", "uts: host", "userns_mode: host"])("%s is reported at its key, high", (line) => {
    const result = audit(line.startsWith("network_mode") ? hardenedWith("ports", line) : hardened(line));
    expect(result.where("host-namespace")).toEqual([`web ${result.at(line.startsWith("network_mode") ? 9 : 10, 5)}`]);
    expect(result.findings.map((finding) => finding.severity)).toEqual(["high"]);
  });

  it("namespaces shared with other containers, and private ones, are fine", () => {
    const result = audit([hardened("pid: service:db", "ipc: private"), "  db:", "    image: postgres:16", ""].join("\n"));
    expect(result.rulesOf("web")).toEqual([]);
  });

  it("with the host's network, ports are ignored by the engine and not reported twice", () => {
    const result = audit(hardenedWith("ports", "network_mode: host", "ports: ['8080:80']"));
    expect(result.findings.map((finding) => finding.rule)).toEqual(["host-namespace"]);
  });
});

describe("published-on-all-interfaces", () => {
  it("reports each port published without a host IP, or on 0.0.0.0 / ::, at its entry", () => {
    const result = audit(
      hardenedWith("ports", "ports:", '  - "127.0.0.1:8080:80"', '  - "8443:443"', '  - "0.0.0.0:5353:53/udp"', "  - target: 9000", "    published: 9000", '    host_ip: "::"', '  - "3000"'),
    );
    expect(result.where("published-on-all-interfaces")).toEqual([
      `web ${result.at(11, 9)}`,
      `web ${result.at(12, 9)}`,
      `web ${result.at(13, 9)}`,
      `web ${result.at(16, 9)}`,
    ]);
    expect(result.findings.map((finding) => finding.fix)).toEqual([
      '`ports: ["127.0.0.1:8443:443"]` (or put a reverse proxy in front)',
      '`ports: ["127.0.0.1:5353:53/udp"]` (or put a reverse proxy in front)',
      '`ports: ["127.0.0.1:9000:9000"]` (or put a reverse proxy in front)',
      '`ports: ["127.0.0.1::3000"]` (or put a reverse proxy in front)',
    ]);
    expect(result.findings[3]?.message).toBe("container port 3000 (on an ephemeral host port) is published on every host interface: anyone who can reach the machine can connect");
  });

  it("a range is one finding, pointing at ports (its entries expand to one port each)", () => {
    const result = audit(hardenedWith("ports", "ports:", '  - "127.0.0.1:8080:80"', '  - "8000-8002:8000-8002"'));
    expect(result.where("published-on-all-interfaces")).toEqual([`web ${result.at(9, 5)}`]);
    expect(result.findings[0]?.message).toMatch(/^host port 8000-8002 is published on every host interface/);
    expect(result.findings[0]?.fix).toContain('"127.0.0.1:8000-8002:8000-8002"');
  });

  it("loopback and specific addresses are fine", () => {
    const result = audit(hardenedWith("ports", "ports: ['127.0.0.1:8080:80', '[::1]:8443:443', '192.168.1.10:53:53/udp']"));
    expect(result.findings).toEqual([]);
  });
});
