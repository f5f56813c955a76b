/**
 * createContainer's mapping, field by field: the engine silently ignores a
 * misspelt field, so every field is set to a non-default value and read back
 * with `docker inspect` (independent of the adapter). Containers are created,
 * never started: create is where the engine validates and stores the config.
 */
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createRequest } from "../../../src/docker-api/dockerode/container-body.js";
import { connectDockerEngine } from "../../../src/docker-api/dockerode/connect.js";
import { LABEL_PROJECT } from "../../../src/base/labels.js";
import { inspectContainer, removeProjectResources } from "../support/docker.js";
import { containerSpec } from "./specs.js";

const prefix = `tsd-it-engine-${randomBytes(4).toString("hex")}`;
const project = { [LABEL_PROJECT]: prefix };
const engine = connectDockerEngine();
const test = { timeout: 60_000 };

afterAll(async () => {
  await removeProjectResources(prefix);
});

describe("DockerEngine createContainer", () => {
  it("every Config and HostConfig field must reach the engine under its own name", test, async () => {
    const name = `${prefix}-fields`;
    const spec = containerSpec(name, "true", {
      labels: project,
      env: ["A=1"],
      entrypoint: ["/bin/sh", "-c"],
      user: "nobody",
      workingDir: "/tmp",
      domainname: "tsd.test",
      macAddress: "02:42:ac:11:00:99",
      tty: true,
      openStdin: true,
      stopSignal: "SIGINT",
      stopTimeoutSeconds: 7,
      exposedPorts: ["9000/udp"],
      healthcheck: { test: ["CMD", "true"], intervalNs: 2e9, timeoutNs: 3e9, startPeriodNs: 4e9, retries: 5 },
      host: {
        portBindings: { "8080/tcp": [{ hostIp: "127.0.0.1", hostPort: "" }] },
        restartPolicy: { name: "on-failure", maximumRetryCount: 3 },
        readOnlyRootfs: true,
        securityOpt: ["no-new-privileges"],
        capAdd: ["NET_ADMIN"],
        capDrop: ["MKNOD"],
        init: true,
        pidsLimit: 64,
        memoryBytes: 64 * 1024 * 1024,
        memoryReservationBytes: 32 * 1024 * 1024,
        memorySwapBytes: 128 * 1024 * 1024,
        cpuShares: 512,
        cpuQuota: 50_000,
        cpuPeriod: 100_000,
        cpusetCpus: "0",
        oomScoreAdj: 100,
        shmSizeBytes: 128 * 1024 * 1024,
        logConfig: { type: "json-file", config: { "max-size": "1m" } },
        extraHosts: ["db.local:10.0.0.5"],
        dns: ["10.0.0.53"],
        dnsSearch: ["tsd.test"],
        dnsOptions: ["ndots:2"],
        ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
        tmpfs: { "/run/t": "size=1m" },
        sysctls: { "net.ipv4.ip_forward": "1" },
        devices: [{ pathOnHost: "/dev/null", pathInContainer: "/dev/tsd-null", cgroupPermissions: "rwm" }],
        groupAdd: ["audio"],
        ipcMode: "shareable",
        utsMode: "host",
        usernsMode: "host",
        cgroupParent: "tsd-test",
        runtime: "runc",
      },
    });
    await engine.createContainer(spec);
    const info = (await inspectContainer(name)) as unknown as { Config: Record<string, unknown>; HostConfig: Record<string, unknown> };
    expect(info.Config).toMatchObject({
      Env: expect.arrayContaining(["A=1"]),
      Cmd: ["sh", "-c", "true"],
      Entrypoint: ["/bin/sh", "-c"],
      User: "nobody",
      WorkingDir: "/tmp",
      Domainname: "tsd.test",
      MacAddress: "02:42:ac:11:00:99",
      Tty: true,
      OpenStdin: true,
      StopSignal: "SIGINT",
      StopTimeout: 7,
      ExposedPorts: { "8080/tcp": {}, "9000/udp": {} },
      Healthcheck: { Test: ["CMD", "true"], Interval: 2e9, Timeout: 3e9, StartPeriod: 4e9, Retries: 5 },
    });
    expect(info.HostConfig).toMatchObject({
      PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
      RestartPolicy: { Name: "on-failure", MaximumRetryCount: 3 },
      ReadonlyRootfs: true,
      SecurityOpt: ["no-new-privileges"],
      CapAdd: ["NET_ADMIN"],
      CapDrop: ["MKNOD"],
      Init: true,
      PidsLimit: 64,
      Memory: 64 * 1024 * 1024,
      MemoryReservation: 32 * 1024 * 1024,
      MemorySwap: 128 * 1024 * 1024,
      CpuShares: 512,
      CpuQuota: 50_000,
      CpuPeriod: 100_000,
      CpusetCpus: "0",
      OomScoreAdj: 100,
      ShmSize: 128 * 1024 * 1024,
      LogConfig: { Type: "json-file", Config: { "max-size": "1m" } },
      ExtraHosts: ["db.local:10.0.0.5"],
      Dns: ["10.0.0.53"],
      DnsSearch: ["tsd.test"],
      DnsOptions: ["ndots:2"],
      Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
      Tmpfs: { "/run/t": "size=1m" },
      Sysctls: { "net.ipv4.ip_forward": "1" },
      Devices: [{ PathOnHost: "/dev/null", PathInContainer: "/dev/tsd-null", CgroupPermissions: "rwm" }],
      GroupAdd: ["audio"],
      IpcMode: "shareable",
      UTSMode: "host",
      UsernsMode: "host",
      CgroupParent: "tsd-test",
      Runtime: "runc",
    });
  });

  it("NanoCpus, Privileged and a container network mode must reach the engine", test, async () => {
    const first = await engine.createContainer(containerSpec(`${prefix}-cpus`, "true", { labels: project, host: { nanoCpus: 500_000_000, privileged: true } }));
    const second = containerSpec(`${prefix}-joined`, "true", { labels: project, host: { networkMode: `container:${first}`, pidMode: `container:${first}` } });
    await engine.createContainer(second);
    expect((await inspectContainer(`${prefix}-cpus`)).HostConfig).toMatchObject({ NanoCpus: 500_000_000, Privileged: true });
    expect((await inspectContainer(`${prefix}-joined`)).HostConfig).toMatchObject({ NetworkMode: `container:${first}`, PidMode: `container:${first}` });
  });

  it("fields newer than the engine's API version must be dropped and reported, and sent once it speaks them", () => {
    const spec = containerSpec("versions", "true", {
      macAddress: "02:42:ac:11:00:99",
      healthcheck: { test: ["CMD", "true"], startIntervalNs: 1e9 },
      networks: [{ network: "front", aliases: ["web"] }, { network: "back", aliases: [], macAddress: "02:42:ac:11:00:98" }],
      host: {
        networkMode: "front",
        mounts: [
          { type: "volume", source: "data", target: "/data", readOnly: false, noCopy: false, subpath: "sub" },
          { type: "bind", source: "/srv/x", target: "/x", readOnly: true, createHostPath: true },
        ],
      },
    });
    const old = createRequest(spec, "1.41");
    // The second network's MAC is dropped (and reported) when connectNetwork joins it, not here.
    expect(old.dropped.map((entry) => `${entry.field} (${entry.requiredApiVersion})`)).toEqual([
      "Healthcheck.StartInterval (1.44)",
      "Mounts[/data].VolumeOptions.Subpath (1.45)",
    ]);
    expect(old.body).toMatchObject({ MacAddress: "02:42:ac:11:00:99", HostConfig: { Binds: ["/srv/x:/x:ro"] } });
    expect(old.laterNetworks.map((attachment) => attachment.network)).toEqual(["back"]);

    const current = createRequest(spec, "1.45");
    expect(current.dropped).toEqual([]);
    expect(current.body).toMatchObject({
      MacAddress: undefined,
      Healthcheck: { StartInterval: 1e9 },
      NetworkingConfig: { EndpointsConfig: { front: { Aliases: ["web"], MacAddress: "02:42:ac:11:00:99" } } },
      HostConfig: {
        Mounts: [
          expect.objectContaining({ VolumeOptions: expect.objectContaining({ Subpath: "sub" }) }),
          expect.objectContaining({ Type: "bind", BindOptions: { CreateMountpoint: true } }),
        ],
      },
    });
  });
});
