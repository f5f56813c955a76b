/**
 * `tsd volumes`, `tsd networks` (and their `inspect`) and `tsd version`
 * print what `docker volume ls`, `docker network ls` and `docker version`
 * print for the project's objects, as tables and as JSON, with the services
 * using each volume and network.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker } from "../support/docker.js";
import { copyFixture, type Fixture } from "../support/fixture.js";

let fixture: Fixture;

beforeAll(async () => {
  fixture = copyFixture("verbs-resources");
  const up = await fixture.run(["up", "-d", "-f", "stack.yml"]);
  expect(up.status, up.stderr).toBe(0);
});

afterAll(async () => {
  await fixture?.cleanup();
});

/** `docker <kind> ls` of the project's objects, one `a b c` line each, sorted. */
async function dockerList(kind: "volume" | "network", format: string): Promise<string[]> {
  const out = await docker([kind, "ls", "--filter", `label=dev.tsd.project=${fixture.projectName}`, "--format", format]);
  return out.trim().split("\n").filter(Boolean).sort();
}

describe("tsd volumes", () => {
  it("must list what docker volume ls lists for the project, with the services mounting each", async () => {
    const expected = await dockerList("volume", "{{.Name}} {{.Driver}}");
    expect(expected).toHaveLength(2);
    const json = await fixture.run(["volumes", "-f", "stack.yml", "--format", "json"]);
    expect(json.status, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as { key: string; name: string; driver: string; mountpoint: string; services: string[] }[];
    expect(rows.map((row) => `${row.name} ${row.driver}`).sort()).toEqual(expected);
    expect(Object.fromEntries(rows.map((row) => [row.key, row.services]))).toEqual({ cache: ["worker"], data: ["web", "worker"] });
    const data = rows.find((row) => row.key === "data");
    expect(data?.mountpoint).toBe((await docker(["volume", "inspect", "--format", "{{.Mountpoint}}", `${fixture.projectName}_data`])).trim());

    const table = await fixture.run(["volumes", "-f", "stack.yml"]);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^VOLUME NAME\s+DRIVER\s+SIZE\s+SERVICES\s+MOUNTPOINT$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/).slice(0, 2).join(" ")).sort()).toEqual(expected);
    expect(lines.find((line) => line.startsWith(`${fixture.projectName}_data `))).toContain("web, worker");
  });

  it("must list only the volumes of the services named, and inspect them as the engine does", async () => {
    const named = await fixture.run(["volumes", "-f", "stack.yml", "-q", "web"]);
    expect(named.stdout).toBe(`${fixture.projectName}_data\n`);
    const inspect = await fixture.run(["volumes", "inspect", "-f", "stack.yml", "cache"]);
    expect(inspect.status, inspect.stderr).toBe(0);
    const [volume] = JSON.parse(inspect.stdout) as { name: string; driver: string; labels: Record<string, string>; services: string[] }[];
    const engine = JSON.parse(await docker(["volume", "inspect", `${fixture.projectName}_cache`])) as { Name: string; Driver: string; Labels: Record<string, string> }[];
    expect(volume).toMatchObject({ name: engine[0]?.Name, driver: engine[0]?.Driver, labels: engine[0]?.Labels, services: ["worker"] });
    const unknown = await fixture.run(["volumes", "inspect", "-f", "stack.yml", "nope"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("no such volume in the stack: nope (volumes: cache, data)");
  });
});

describe("tsd networks", () => {
  it("must list what docker network ls lists for the project, with the services joining each", async () => {
    const expected = await dockerList("network", "{{.ID}} {{.Name}} {{.Driver}} {{.Scope}}");
    expect(expected).toHaveLength(2);
    const table = await fixture.run(["networks", "-f", "stack.yml"]);
    expect(table.status, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NETWORK ID\s+NAME\s+DRIVER\s+SCOPE\s+INTERNAL\s+SERVICES$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/).slice(0, 4).join(" ")).sort()).toEqual(expected);

    const json = await fixture.run(["networks", "-f", "stack.yml", "--format", "json"]);
    const rows = JSON.parse(json.stdout) as { key: string; id: string; name: string; internal: boolean; services: string[] }[];
    expect(rows.map((row) => [row.key, row.internal, row.services])).toEqual([
      ["back", true, ["web", "worker"]],
      ["front", false, ["web"]],
    ]);
    const inspect = await fixture.run(["networks", "inspect", "-f", "stack.yml", `${fixture.projectName}_back`]);
    const [back] = JSON.parse(inspect.stdout) as { containers: { name: string }[] }[];
    expect(back?.containers.map((container) => container.name)).toEqual([`${fixture.projectName}-web-1`, `${fixture.projectName}-worker-1`]);
  });
});

describe("tsd version", () => {
  it("must print the engine's version, API version and OS/arch as docker version does, in text and JSON", async () => {
    const server = JSON.parse(await docker(["version", "--format", "{{json .Server}}"])) as {
      Version: string;
      ApiVersion: string;
      MinAPIVersion: string;
      Os: string;
      Arch: string;
      GitCommit: string;
      GoVersion: string;
      KernelVersion: string;
    };
    const json = await fixture.run(["version", "--format", "json"]);
    expect(json.status, json.stderr).toBe(0);
    const found = JSON.parse(json.stdout) as { client: { version: string }; engine: Record<string, string> };
    expect(found.client.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(found.engine).toMatchObject({
      version: server.Version,
      apiVersion: server.ApiVersion,
      minApiVersion: server.MinAPIVersion,
      os: server.Os,
      arch: server.Arch,
      gitCommit: server.GitCommit,
      goVersion: server.GoVersion,
      kernelVersion: server.KernelVersion,
    });
    const text = await fixture.run(["version"]);
    expect(text.stdout).toContain(` Version:      ${server.Version}\n`);
    expect(text.stdout).toContain(` API version:  ${server.ApiVersion} (minimum version ${server.MinAPIVersion})\n`);
    expect(text.stdout).toContain(` OS/Arch:      ${server.Os}/${server.Arch}\n`);
  });

  it("without an engine must print tsd's part and say the engine is unreachable", async () => {
    const result = await fixture.run(["version"], { env: { DOCKER_HOST: "unix:///nonexistent/docker.sock" } });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^Client: tsd\n Version: \d+\.\d+\.\d+/);
    expect(result.stdout).toContain("Server: unreachable: cannot reach the Docker engine at unix:///nonexistent/docker.sock");
    const json = await fixture.run(["version", "--format", "json"], { env: { DOCKER_HOST: "unix:///nonexistent/docker.sock" } });
    expect(JSON.parse(json.stdout)).toMatchObject({ engineUnreachable: expect.stringContaining("cannot reach the Docker engine") });
  });
});
