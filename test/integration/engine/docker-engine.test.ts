/**
 * The Docker adapter against the real engine: containers, logs, networks,
 * volumes, and what happens when no engine answers. Every object carries the
 * label `dev.tsd.project=<prefix>` and afterAll removes all of them through
 * the docker CLI (independent of the adapter under test).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { supportsApi } from "../../../src/docker-api/dockerode/api-version.js";
import { connectDockerEngine } from "../../../src/docker-api/dockerode/connect.js";
import type { EngineWarning } from "../../../src/docker-api/dockerode/docker-engine.js";
import { LABEL_PROJECT, LABEL_RESOURCE, LABEL_SERVICE } from "../../../src/base/labels.js";
import { EngineError, EngineUnavailableError, InternalError } from "../../../src/base/errors.js";
import { engineVersion, execInContainer, projectResources, removeProjectResources } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { collectLogs } from "./logs.js";
import { containerSpec } from "./specs.js";

const prefix = `tsd-it-engine-${randomBytes(4).toString("hex")}`;
const project = { [LABEL_PROJECT]: prefix };
const warnings: EngineWarning[] = [];
const engine = connectDockerEngine(process.env, { onWarning: (_message, warning) => warnings.push(warning) });
const hostDir = await mkdtemp(join(tmpdir(), `${prefix}-`));
const test = { timeout: 60_000 };

afterAll(async () => {
  await removeProjectResources(prefix);
  await rm(hostDir, { recursive: true, force: true });
  expect(await projectResources(prefix)).toEqual({ containers: [], networks: [], volumes: [] });
});

describe("DockerEngine", () => {
  it("ping must answer with the engine's version and the negotiated API version", test, async () => {
    const server = await engineVersion();
    const info = await engine.ping();
    expect(info.version).toBe(server.version);
    // This machine's engine (API 1.41) is older than the adapter's maximum, so its own version is spoken.
    expect(info.apiVersion).toBe(server.apiVersion);
    expect(info.os).toBe("linux");
    expect(info.swarm).toBe(false);
  });

  it("a container must run with its labels, env, published port, volume, tmpfs and health check", test, async () => {
    const volume = `${prefix}-data`;
    await engine.createVolume({ name: volume, driverOpts: {}, labels: project });
    const name = `${prefix}-web`;
    const script = [
      'mkdir -p /data/www && echo "$GREETING" > /data/www/index.html',
      "echo started",
      "echo oops >&2",
      "grep ' /scratch ' /proc/mounts",
      "exec httpd -f -p 8080 -h /data/www",
    ].join(" && ");
    const id = await engine.createContainer(
      containerSpec(name, script, {
        labels: { ...project, [LABEL_SERVICE]: "web" },
        env: ["GREETING=hello from tsd"],
        exposedPorts: ["8080/tcp"],
        stopTimeoutSeconds: 1,
        healthcheck: {
          test: ["CMD-SHELL", "wget -q -O - http://127.0.0.1:8080/ && echo probe-ok"],
          intervalNs: 500_000_000,
          timeoutNs: 5_000_000_000,
          retries: 3,
          startIntervalNs: 1_000_000_000,
        },
        host: {
          portBindings: { "8080/tcp": [{ hostIp: "127.0.0.1", hostPort: "" }] },
          mounts: [
            { type: "volume", source: volume, target: "/data", readOnly: false, noCopy: false },
            { type: "tmpfs", target: "/scratch", readOnly: false, sizeBytes: 16 * 1024 * 1024 },
          ],
          tmpfs: { "/run/extra": "size=1m" },
        },
      }),
    );
    const { apiVersion } = await engine.ping();
    if (!supportsApi(apiVersion, "1.44")) {
      expect(warnings).toContainEqual(expect.objectContaining({ kind: "field-dropped", subject: name, field: "Healthcheck.StartInterval" }));
    }
    await engine.startContainer(id);
    await engine.startContainer(id); // already running: nothing to do

    const healthy = await eventually(async () => {
      const observed = await engine.inspectContainer(name);
      expect(observed?.health).toBe("healthy");
      return observed!;
    }, 30_000);
    expect(healthy).toMatchObject({ id, name, image: "tsd-test/busybox:1", state: "running", labels: { [LABEL_SERVICE]: "web" } });
    expect(healthy.lastHealthOutput).toBe("hello from tsd\nprobe-ok");
    expect(healthy.mounts).toEqual([
      expect.objectContaining({ type: "volume", name: volume, destination: "/data", readOnly: false }),
      expect.objectContaining({ type: "tmpfs", destination: "/scratch" }),
    ]);
    const [binding] = healthy.ports["8080/tcp"] ?? [];
    expect(binding?.hostIp).toBe("127.0.0.1");
    const response = await fetch(`http://127.0.0.1:${binding?.hostPort}/`);
    expect(await response.text()).toBe("hello from tsd\n");
    expect((await execInContainer(name, ["grep", " /run/extra tmpfs ", "/proc/mounts"])).status).toBe(0);

    const output = await collectLogs(engine, id);
    expect(output.stdout).toMatch(/^started\ntmpfs \/scratch tmpfs /);
    expect(output.stderr).toBe("oops\n");
  });

  it("listContainers must select by label value and by key presence", test, async () => {
    const names = async (labels: Record<string, string | undefined>) =>
      (await engine.listContainers({ ...project, ...labels })).map((container) => container.name);
    expect(await names({ [LABEL_SERVICE]: "web" })).toEqual([`${prefix}-web`]);
    expect(await names({ [LABEL_SERVICE]: undefined })).toEqual([`${prefix}-web`]);
    expect(await names({ [LABEL_SERVICE]: "other" })).toEqual([]);
    expect(await names({ "dev.tsd.absent": undefined })).toEqual([]);
  });

  it("following logs must stream new output and end cleanly on abort", test, async () => {
    const name = `${prefix}-ticker`;
    const id = await engine.createContainer(containerSpec(name, 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.2; done', { labels: project }));
    await engine.startContainer(id);
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const chunk of engine.logs(id, { follow: true, tail: 0, timestamps: true, signal: controller.signal })) {
      seen.push(chunk.text);
      if (seen.length === 3) controller.abort();
    }
    expect(seen).toHaveLength(3);
    for (const line of seen) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\S+ tick \d+\n$/);
    const first = Number(/tick (\d+)/.exec(seen[0] ?? "")?.[1]);
    expect(seen.map((line) => Number(/tick (\d+)/.exec(line)?.[1]))).toEqual([first, first + 1, first + 2]);

    // A caller that stops waiting gets its own abort back, not an engine error.
    const stopWaiting = new AbortController();
    const waiting = engine.waitContainer(id, stopWaiting.signal);
    stopWaiting.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });

    await engine.killContainer(id, "SIGKILL");
    expect(await engine.waitContainer(id)).toBe(137);
  });

  it("waitContainer must return the exit code; rename, stop and remove must leave the asked-for state", test, async () => {
    const name = `${prefix}-job`;
    const created = join(hostDir, "created-by-engine");
    const id = await engine.createContainer(
      containerSpec(name, "echo bye; exit 3", {
        labels: project,
        // On API < 1.42 a bind that must create its host path can only be sent as a legacy `Binds` entry.
        host: { mounts: [{ type: "bind", source: created, target: "/host", readOnly: true, createHostPath: true }] },
      }),
    );
    await engine.startContainer(id);
    expect(await engine.waitContainer(id)).toBe(3);
    expect((await stat(created)).isDirectory()).toBe(true);
    expect(await collectLogs(engine, id)).toEqual({ stdout: "bye\n", stderr: "" });
    expect(await engine.inspectContainer(id)).toMatchObject({ state: "exited", exitCode: 3 });

    await engine.renameContainer(id, `${name}-renamed`);
    expect(await engine.inspectContainer(name)).toBeUndefined();
    expect((await engine.inspectContainer(`${name}-renamed`))?.id).toBe(id);

    await engine.stopContainer(id); // already exited
    await engine.removeContainer(id, { force: false, removeVolumes: true });
    await engine.removeContainer(id, { force: false, removeVolumes: true }); // already gone
    await engine.stopContainer(id); // gone is not running either
    expect(await engine.inspectContainer(id)).toBeUndefined();
    await expect(engine.killContainer(id, "SIGTERM")).rejects.toBeInstanceOf(EngineError);
    await expect(engine.startContainer(id)).rejects.toThrow(/No such container/);
  });

  it("networks must carry labels and aliases that other containers resolve", test, async () => {
    const back = `${prefix}-back`;
    const front = `${prefix}-front`;
    await engine.createNetwork({ name: back, driverOpts: {}, internal: true, attachable: false, labels: { ...project, [LABEL_RESOURCE]: "back" } });
    await engine.createNetwork({ name: front, driverOpts: {}, internal: false, attachable: false, labels: project });
    const conflict = engine.createNetwork({ name: back, driverOpts: {}, internal: true, attachable: false, labels: project });
    await expect(conflict).rejects.toThrow(/already exists/);
    expect((await engine.listNetworks(project)).map((network) => network.name)).toEqual([back, front]);
    expect(await engine.listNetworks({ ...project, [LABEL_RESOURCE]: "back" })).toEqual([
      expect.objectContaining({ name: back, driver: "bridge", internal: true }),
    ]);
    expect(await engine.inspectNetwork(back)).toMatchObject({ name: back, internal: true, labels: { [LABEL_RESOURCE]: "back" } });

    const attach = (network: string, alias: string) => ({ network, aliases: [alias] });
    const server = await engine.createContainer(
      containerSpec(`${prefix}-server`, "mkdir -p /www && echo pong > /www/index.html && exec httpd -f -p 8080 -h /www", {
        labels: project,
        networks: [attach(back, "api-back"), attach(front, "api-front")],
        host: { networkMode: back },
      }),
    );
    await engine.startContainer(server);
    const observed = await engine.inspectContainer(server);
    expect(Object.keys(observed?.networks ?? {}).sort()).toEqual([back, front]);
    expect(observed?.networks[back]?.aliases).toContain("api-back");
    expect(observed?.networks[front]?.aliases).toContain("api-front");
    expect(observed?.networks[front]?.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const client = await engine.createContainer(
      containerSpec(
        `${prefix}-client`,
        "wget -q -O - http://api-back:8080/ && wget -q -O - http://api-front:8080/ && " +
          "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 5 api-back 8080 | grep -q pong && echo reached",
        { labels: project, networks: [attach(back, "client"), attach(front, "client")], host: { networkMode: back } },
      ),
    );
    await engine.startContainer(client);
    const exitCode = await engine.waitContainer(client);
    expect(await collectLogs(engine, client)).toEqual({ stdout: "pong\npong\nreached\n", stderr: "" });
    expect(exitCode).toBe(0);

    const mismatch = containerSpec(`${prefix}-mismatch`, "true", { labels: project, networks: [attach(front, "x")], host: { networkMode: back } });
    await expect(engine.createContainer(mismatch)).rejects.toBeInstanceOf(InternalError);
    expect(await engine.inspectContainer(`${prefix}-mismatch`)).toBeUndefined();

    await expect(engine.removeNetwork(back)).rejects.toThrow(/active endpoints/);
    for (const id of [server, client]) await engine.removeContainer(id, { force: true, removeVolumes: true });
    await engine.removeNetwork(back);
    await engine.removeNetwork(back); // already gone
    expect(await engine.inspectNetwork(back)).toBeUndefined();
  });

  it("volumes must be listed by label, inspected, and removed idempotently", test, async () => {
    const name = `${prefix}-vol`;
    await engine.createVolume({ name, driverOpts: {}, labels: { ...project, [LABEL_RESOURCE]: "vol" } });
    expect(await engine.listVolumes({ ...project, [LABEL_RESOURCE]: "vol" })).toEqual([
      { name, driver: "local", labels: { ...project, [LABEL_RESOURCE]: "vol" } },
    ]);
    expect((await engine.listVolumes({ ...project, [LABEL_RESOURCE]: undefined })).map((volume) => volume.name)).toEqual([name]);
    expect(await engine.inspectVolume(name)).toMatchObject({ name, driver: "local" });
    await engine.removeVolume(name);
    await engine.removeVolume(name); // already gone
    expect(await engine.inspectVolume(name)).toBeUndefined();
  });

  it("every call must fail with EngineUnavailableError when nothing answers", test, async () => {
    const nowhere = connectDockerEngine({ DOCKER_HOST: "unix:///nonexistent.sock" });
    const failure = await nowhere.ping().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineUnavailableError);
    expect((failure as EngineUnavailableError).message).toContain("unix:///nonexistent.sock");
    expect((failure as EngineUnavailableError).hint).toContain("sudo bash scripts/engine.sh");
    await expect(nowhere.listContainers(project)).rejects.toBeInstanceOf(EngineUnavailableError);

    const closedPort = connectDockerEngine({ DOCKER_HOST: "tcp://127.0.0.1:1" });
    await expect(closedPort.ping()).rejects.toThrow(/^cannot reach the Docker engine at http:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/);
    expect(() => connectDockerEngine({ DOCKER_HOST: "tcp://127.0.0.1:2376", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/nonexistent" })).toThrow(
      expect.objectContaining({ name: "EngineUnavailableError", message: expect.stringContaining("/nonexistent/ca.pem") }),
    );
  });
});
