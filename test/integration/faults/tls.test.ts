/**
 * A remote engine over TLS, as Docker documents it: `DOCKER_HOST=tcp://…`,
 * `DOCKER_TLS_VERIFY=1`, `DOCKER_CERT_PATH` holding ca.pem, cert.pem and
 * key.pem. A second dockerd (support/second-engine.ts) listens on loopback
 * with `--tlsverify` and certificates made with openssl for this run; tsd
 * must work through it with the right files, and with the wrong ones refuse
 * (or be refused) with a message that says which certificate, creating
 * nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABEL_PROJECT, LABEL_SERVICE } from "../../../src/base/labels.js";
import { projectResources } from "../support/docker.js";
import { type Fixture, useFixture } from "../support/fixture.js";
import { type SecondEngine, startSecondEngine } from "../support/second-engine.js";
import { makeTlsCertificates, type TlsCertificates } from "../support/tls-certificates.js";
import type { TsdResult } from "../support/tsd-cli.js";

const certDir = mkdtempSync(join(tmpdir(), "tsd-it-tls-"));
let certificates: TlsCertificates;
let engine: SecondEngine;

beforeAll(async () => {
  certificates = await makeTlsCertificates(certDir);
  engine = await startSecondEngine({ tls: certificates.server });
});

afterAll(async () => {
  try {
    await engine?.stop();
  } finally {
    rmSync(certDir, { recursive: true, force: true });
  }
});

/** The variables that point tsd at the second engine over TLS with the files in `certPath`. */
function tlsEnvironment(certPath: string): Record<string, string> {
  return { DOCKER_HOST: engine.tcpHost ?? "", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: certPath };
}

/** `https://127.0.0.1:PORT`, the endpoint tsd names in its messages. */
function endpoint(): string {
  return (engine.tcpHost ?? "").replace(/^tcp:/, "https:");
}

/** What the second engine holds for the project: container names, network names, volume names. */
async function heldBySecondEngine(projectName: string): Promise<{ containers: string[]; networks: string[]; volumes: string[] }> {
  const filter = `label=${LABEL_PROJECT}=${projectName}`;
  const list = async (args: string[]) => (await engine.docker([...args, "--filter", filter, "--format", "{{.Name}}"])).split("\n").filter(Boolean).sort();
  const containers = (await engine.projectContainers(projectName)).map((info) => info.Name.slice(1));
  return { containers, networks: await list(["network", "ls"]), volumes: await list(["volume", "ls"]) };
}

/** A refused run: exit 1, one `tsd: …` line and a hint, no stack trace, nothing on either engine. */
async function expectRefusedCleanly(fixture: Fixture, result: TsdResult): Promise<string> {
  expect(result.status, result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(result.stderr).toMatch(/\nhint: /);
  expect(await heldBySecondEngine(fixture.projectName)).toEqual({ containers: [], networks: [], volumes: [] });
  expect(await projectResources(fixture.projectName)).toEqual({ containers: [], networks: [], volumes: [] });
  return result.stderr.split("\n")[0] ?? "";
}

describe("tsd against a remote engine over TLS", () => {
  it("up, ps and down must work through DOCKER_HOST=tcp:// with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, on that engine only", async () => {
    const fixture = useFixture("faults-engine-tls");
    const { projectName } = fixture;
    const env = tlsEnvironment(certificates.goodClient);

    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env });
    expect(up.status, up.stderr).toBe(0);
    // Loopback and TLS: nothing to warn about.
    expect(up.stderr).not.toContain("warning:");

    const containers = await engine.projectContainers(projectName);
    expect(containers.map((info) => [info.Name.slice(1), info.Config.Labels[LABEL_SERVICE], info.State.Status])).toEqual([
      [`${projectName}-app-1`, "app", "running"],
      [`${projectName}-worker-1`, "worker", "running"],
    ]);
    expect((await heldBySecondEngine(projectName)).volumes).toEqual([`${projectName}_data`]);
    // The main engine (the one the tests' own DOCKER_HOST names) never saw the project.
    expect(await projectResources(projectName)).toEqual({ containers: [], networks: [], volumes: [] });

    const ps = await fixture.run(["ps", "-f", "stack.yml", "--format", "json"], { env });
    expect(ps.status, ps.stderr).toBe(0);
    const rows = JSON.parse(ps.stdout) as { id: string; name: string; service: string; state: string }[];
    expect(rows.map((row) => [row.name, row.service, row.state])).toEqual([
      [`${projectName}-app-1`, "app", "running"],
      [`${projectName}-worker-1`, "worker", "running"],
    ]);
    expect(rows.map((row) => row.id).sort()).toEqual(containers.map((info) => info.Id).sort());

    const down = await fixture.run(["down", "-v", "-f", "stack.yml", "--progress", "plain"], { env });
    expect(down.status, down.stderr).toBe(0);
    expect(await heldBySecondEngine(projectName)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it("a client certificate the engine's CA did not sign must be refused, saying so, and nothing be created", async () => {
    const fixture = useFixture("faults-engine-tls");
    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env: tlsEnvironment(certificates.foreignClientCert) });

    const message = await expectRefusedCleanly(fixture, result);
    const start = `tsd: the Docker engine at ${endpoint()} refused tsd's TLS client certificate (${join(certificates.foreignClientCert, "cert.pem")}): `;
    expect(message.startsWith(start), message).toBe(true);
    // Then OpenSSL's name for the alert the engine sent (`sslv3 alert bad certificate` from Go's TLS 1.3 server here).
    expect(message.slice(start.length)).toMatch(/alert.*certificate/);
    expect(result.stderr).toContain("hint: the engine accepts only client certificates signed by its own CA (dockerd --tlscacert); set DOCKER_CERT_PATH");
  });

  it("an engine certificate not signed by DOCKER_CERT_PATH's ca.pem must be refused, saying so, and nothing be created", async () => {
    const fixture = useFixture("faults-engine-tls");
    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env: tlsEnvironment(certificates.foreignCa) });

    const message = await expectRefusedCleanly(fixture, result);
    expect(message).toBe(
      `tsd: untrusted Docker engine at ${endpoint()}: its certificate is not signed by the CA in ${join(certificates.foreignCa, "ca.pem")} ` +
        "(UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate)",
    );
  });

  it("plain HTTP to the TLS port must be told that the engine wants TLS, without the plain-TCP warning for loopback", async () => {
    const fixture = useFixture("faults-engine-tls");
    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env: { DOCKER_HOST: engine.tcpHost ?? "" } });

    const message = await expectRefusedCleanly(fixture, result);
    expect(message).toBe(`tsd: the Docker engine at ${endpoint().replace(/^https:/, "http:")} accepts only TLS connections`);
    expect(result.stderr).not.toContain("warning:");
  });
});
