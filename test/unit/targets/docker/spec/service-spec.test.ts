import { describe, expect, it } from "vitest";
import { LABEL_CONFIG, LABEL_CONFIG_HASH } from "../../../../../src/base/labels.js";
import { canonicalJson, configHash, serviceConfig } from "../../../../../src/targets/docker/spec/config-hash.js";
import { liveSettingsHash } from "../../../../../src/targets/docker/spec/live-settings.js";
import { serviceContainerSpec } from "../../../../../src/targets/docker/spec/service-spec.js";
import type { Service } from "../../../../../src/stack/model.js";
import { loadYaml } from "./load-yaml.js";

const stack = loadYaml(`
services:
  api:
    image: registry.example/api:2
    entrypoint: ["/entry.sh"]
    command: serve --port 8080
    environment:
      MODE: prod
      UNSET:
    user: "1000:1000"
    working_dir: /srv
    hostname: api-host
    domainname: example.test
    labels: {team: core}
    stop_signal: SIGINT
    stop_grace_period: 1500ms
    read_only: true
    security_opt: [no-new-privileges:true]
    mem_limit: 512m
    mem_reservation: 256m
    memswap_limit: 1g
    mem_swappiness: 10
    shm_size: 128m
    cpu_shares: 512
    cpu_quota: 50000
    cpu_period: 100000
    cpuset: "0-1"
    pids_limit: 100
    oom_kill_disable: true
    oom_score_adj: 200
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    init: true
    tty: true
    stdin_open: true
    privileged: true
    logging: {driver: json-file, options: {max-size: 10m}}
    extra_hosts: ["somehost:162.242.195.82", "v6host=::1"]
    dns: [8.8.8.8]
    dns_search: [example.test]
    dns_opt: [use-vc]
    ulimits: {nofile: {soft: 20000, hard: 40000}, nproc: 65535}
    sysctls: {net.core.somaxconn: 1024}
    devices: ["/dev/fuse", "/dev/sda:/dev/xvda:r"]
    group_add: [audio]
    uts: host
    userns_mode: host
    cgroup_parent: /tsd
    runtime: runc
    restart: on-failure:2
    healthcheck:
      test: curl -f http://localhost:8080/health
      interval: 30s
      timeout: 5s
      start_period: 1m
      start_interval: 2s
      retries: 3
  off:
    image: app
    cpus: 0.5
    restart: unless-stopped
    healthcheck: {disable: true, interval: 10s}
`);

describe("serviceContainerSpec: the container", () => {
  const spec = serviceContainerSpec(stack, "api", 1, { version: "1.2.3" });

  it("maps the process fields", () => {
    expect(spec).toMatchObject({
      name: "demo-api-1",
      image: "registry.example/api:2",
      env: ["MODE=prod"],
      cmd: ["serve", "--port", "8080"],
      entrypoint: ["/entry.sh"],
      user: "1000:1000",
      workingDir: "/srv",
      hostname: "api-host",
      domainname: "example.test",
      tty: true,
      openStdin: true,
      stopSignal: "SIGINT",
      stopTimeoutSeconds: 2,
    });
  });

  it("converts the health check to nanoseconds", () => {
    expect(spec.healthcheck).toEqual({
      test: ["CMD-SHELL", "curl -f http://localhost:8080/health"],
      intervalNs: 30_000_000_000,
      timeoutNs: 5_000_000_000,
      startPeriodNs: 60_000_000_000,
      startIntervalNs: 2_000_000_000,
      retries: 3,
    });
  });

  it("turns a disabled health check into NONE and nothing else", () => {
    const off = serviceContainerSpec(stack, "off", 1);
    expect(off.healthcheck).toStrictEqual({ test: ["NONE"] });
    expect(off.host.restartPolicy).toEqual({ name: "unless-stopped", maximumRetryCount: 0 });
  });
});

describe("serviceContainerSpec: HostConfig", () => {
  const host = serviceContainerSpec(stack, "api", 1).host;

  it("maps restart on-failure:2 with its retry count", () => {
    expect(host.restartPolicy).toEqual({ name: "on-failure", maximumRetryCount: 2 });
  });

  it("maps resources to Docker's units", () => {
    expect(host).toMatchObject({
      memoryBytes: 512 * 1024 ** 2,
      memoryReservationBytes: 256 * 1024 ** 2,
      memorySwapBytes: 1024 ** 3,
      memorySwappiness: 10,
      shmSizeBytes: 128 * 1024 ** 2,
      cpuShares: 512,
      cpuQuota: 50000,
      cpuPeriod: 100000,
      cpusetCpus: "0-1",
      pidsLimit: 100,
      oomKillDisable: true,
      oomScoreAdj: 200,
    });
  });

  it("maps cpus to nano CPUs (the engine refuses them together with cpu_quota or cpu_period)", () => {
    expect(serviceContainerSpec(stack, "off", 1).host.nanoCpus).toBe(500_000_000);
  });

  it("maps security, logging, DNS, kernel and namespace settings", () => {
    expect(host).toMatchObject({
      readOnlyRootfs: true,
      securityOpt: ["no-new-privileges:true"],
      capAdd: ["NET_ADMIN"],
      capDrop: ["ALL"],
      privileged: true,
      init: true,
      logConfig: { type: "json-file", config: { "max-size": "10m" } },
      extraHosts: ["somehost:162.242.195.82", "v6host:::1"],
      dns: ["8.8.8.8"],
      dnsSearch: ["example.test"],
      dnsOptions: ["use-vc"],
      ulimits: [
        { name: "nofile", soft: 20000, hard: 40000 },
        { name: "nproc", soft: 65535, hard: 65535 },
      ],
      sysctls: { "net.core.somaxconn": "1024" },
      devices: [
        { pathOnHost: "/dev/fuse", pathInContainer: "/dev/fuse", cgroupPermissions: "rwm" },
        { pathOnHost: "/dev/sda", pathInContainer: "/dev/xvda", cgroupPermissions: "r" },
      ],
      groupAdd: ["audio"],
      utsMode: "host",
      usernsMode: "host",
      cgroupParent: "/tsd",
      runtime: "runc",
    });
  });
});

describe("serviceContainerSpec: labels", () => {
  it("are the service's own, then tsd's (which win), then Compose's, with the config and its hash", () => {
    const spec = serviceContainerSpec(stack, "api", 2, { version: "1.2.3" });
    const config = serviceConfig(stack, "api");
    expect(spec.labels).toEqual({
      team: "core",
      "dev.tsd.project": "demo",
      "dev.tsd.project.id": stack.projectId,
      "dev.tsd.project.dir": stack.projectDir,
      "dev.tsd.project.files": `${stack.projectDir}/compose.yaml`,
      "dev.tsd.service": "api",
      "dev.tsd.kind": "service",
      "dev.tsd.replica": "2",
      "dev.tsd.config-hash": configHash(config),
      "dev.tsd.config": canonicalJson(config),
      "dev.tsd.version": "1.2.3",
      "dev.tsd.live-settings": liveSettingsHash(stack.services.api as Service),
      "com.docker.compose.project": "demo",
      "com.docker.compose.service": "api",
      "com.docker.compose.container-number": "2",
      "com.docker.compose.oneoff": "False",
      "com.docker.compose.project.working_dir": stack.projectDir,
      "com.docker.compose.project.config_files": `${stack.projectDir}/compose.yaml`,
    });
  });

  it("carry the same config on every replica, and no version label when none is given", () => {
    const first = serviceContainerSpec(stack, "api", 1).labels;
    const second = serviceContainerSpec(stack, "api", 2).labels;
    expect(first[LABEL_CONFIG_HASH]).toBe(second[LABEL_CONFIG_HASH]);
    expect(JSON.parse(first[LABEL_CONFIG] ?? "")).toEqual(serviceConfig(stack, "api"));
    expect(first["dev.tsd.version"]).toBeUndefined();
  });
});
