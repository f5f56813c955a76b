/**
 * A plain `tcp://` DOCKER_HOST that leaves the machine must be warned about;
 * one that stays on it (loopback) or uses TLS must not. Connecting never
 * contacts the engine, so these tests compute the connection target only:
 * no traffic goes anywhere (the addresses are from TEST-NET-1 and
 * example.com, which nothing would answer anyway).
 */
import { afterAll, describe, expect, it } from "vitest";
import { connectDockerEngine, type ConnectEnvironment } from "../../../src/docker-api/dockerode/connect.js";
import type { EngineWarning } from "../../../src/docker-api/dockerode/docker-engine.js";
import { tempProject } from "../support/temp-project.js";

/** Dummy TLS files: connecting reads them but never parses them until a call is made. */
const certs = tempProject({ "ca.pem": "ca", "cert.pem": "cert", "key.pem": "key" }, "tsd-certs-");
afterAll(() => certs.cleanup());

function warningsFor(env: ConnectEnvironment): EngineWarning[] {
  const warnings: EngineWarning[] = [];
  connectDockerEngine(env, { onWarning: (_message, warning) => warnings.push(warning) });
  return warnings;
}

describe("connectDockerEngine: plain TCP to another machine", () => {
  it.each([
    { dockerHost: "tcp://192.0.2.10:2375", endpoint: "http://192.0.2.10:2375", hostname: "192.0.2.10" },
    { dockerHost: "tcp://192.0.2.10", endpoint: "http://192.0.2.10:2375", hostname: "192.0.2.10" },
    { dockerHost: "http://192.0.2.10:2375", endpoint: "http://192.0.2.10:2375", hostname: "192.0.2.10" },
    // A name is never resolved to find out whether it is local: it gets the warning.
    { dockerHost: "tcp://docker.example.com:2375", endpoint: "http://docker.example.com:2375", hostname: "docker.example.com" },
    { dockerHost: "tcp://127.0.0.1.example.com:2375", endpoint: "http://127.0.0.1.example.com:2375", hostname: "127.0.0.1.example.com" },
    { dockerHost: "tcp://[2001:db8::1]:2375", endpoint: "http://[2001:db8::1]:2375", hostname: "[2001:db8::1]" },
  ])("DOCKER_HOST=$dockerHost must warn, once, that the connection is not encrypted", ({ dockerHost, endpoint, hostname }) => {
    const warnings = warningsFor({ DOCKER_HOST: dockerHost });
    expect(warnings).toEqual([{ kind: "insecure-connection", subject: endpoint, message: expect.any(String) }]);
    expect(warnings[0]?.message).toBe(
      `DOCKER_HOST=${dockerHost} is not encrypted: anyone on the network between this machine and ${hostname} can read what tsd sends ` +
        "(environment values and secrets included) and answer as the engine, which runs as root there; " +
        "use DOCKER_TLS_VERIFY=1 with DOCKER_CERT_PATH (see docs/remote-engines.md), or reach the engine through an SSH tunnel to a loopback port",
    );
  });

  it.each(["tcp://127.0.0.1:2375", "tcp://127.5.6.7:2375", "tcp://localhost:2375", "tcp://LOCALHOST:2375", "tcp://[::1]:2375", "http://127.0.0.1:2375"])(
    "DOCKER_HOST=%s stays on this machine and must not warn",
    (dockerHost) => {
      expect(warningsFor({ DOCKER_HOST: dockerHost })).toEqual([]);
    },
  );

  // Docker's rule: any non-empty DOCKER_TLS_VERIFY means TLS, even "0"; an empty one means none.
  it.each(["1", "yes", "0"])("TLS to another machine (DOCKER_TLS_VERIFY=%s) must not warn", (verify) => {
    expect(warningsFor({ DOCKER_HOST: "tcp://192.0.2.10:2376", DOCKER_TLS_VERIFY: verify, DOCKER_CERT_PATH: certs.dir })).toEqual([]);
  });

  it("https:// must mean TLS without DOCKER_TLS_VERIFY, and an empty DOCKER_TLS_VERIFY must mean none", () => {
    expect(warningsFor({ DOCKER_HOST: "https://192.0.2.10:2376", DOCKER_CERT_PATH: certs.dir })).toEqual([]);
    expect(warningsFor({ DOCKER_HOST: "tcp://192.0.2.10:2375", DOCKER_TLS_VERIFY: "", DOCKER_CERT_PATH: certs.dir })).toHaveLength(1);
  });

  it("a unix socket must not warn", () => {
    expect(warningsFor({ DOCKER_HOST: "unix:///var/run/docker.sock" })).toEqual([]);
    expect(warningsFor({})).toEqual([]);
  });
});
