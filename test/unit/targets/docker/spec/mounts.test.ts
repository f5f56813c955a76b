import { describe, expect, it } from "vitest";
import { dataContainerSpec } from "../../../../../src/targets/docker/spec/data-container-spec.js";
import { serviceContainerSpec } from "../../../../../src/targets/docker/spec/service-spec.js";
import { loadYaml } from "./load-yaml.js";

const stack = loadYaml(
  `
services:
  db:
    image: postgres:16
    volumes:
      - data:/var/lib/postgresql/data
      - /scratch
      - ./conf:/etc/postgresql:ro
      - type: bind
        source: ./sock
        target: /sock
        bind: {propagation: rshared, create_host_path: false}
      - type: volume
        source: logs
        target: /logs
        read_only: true
        volume: {nocopy: true, subpath: db}
      - type: tmpfs
        target: /cache
        tmpfs: {size: 64m, mode: 1777}
    tmpfs:
      - /run:size=64m,uid=1000
      - /tmp
    secrets: [token, {source: from_env, target: env_token}]
    configs: [{source: nginx, target: /etc/nginx.conf}]
  web:
    image: nginx
    volumes_from: [db, wwwdata:ro, "container:legacy:ro"]
data_containers:
  wwwdata:
    image: busybox:1.36
    volumes: [/var/lib/www, data:/seed]
volumes:
  data: {}
  logs: {name: shared-logs}
secrets:
  token: {file: ./token.txt}
  from_env: {environment: TOKEN}
configs:
  nginx: {file: ./nginx.conf}
`,
  { "conf/postgresql.conf": "", "token.txt": "s3cret", "nginx.conf": "" },
);
const dir = stack.projectDir;
const withToken = { environment: (name: string) => (name === "TOKEN" ? "from-the-environment" : undefined) };

describe("volumes → mounts", () => {
  it("maps every mount kind: named volume by engine name, anonymous without source, bind, tmpfs with size and mode", () => {
    expect(serviceContainerSpec(stack, "db", 1, withToken).host.mounts).toEqual([
      { type: "volume", source: "demo_data", target: "/var/lib/postgresql/data", readOnly: false, noCopy: false },
      { type: "volume", target: "/scratch", readOnly: false, noCopy: false },
      { type: "bind", source: `${dir}/conf`, target: "/etc/postgresql", readOnly: true, createHostPath: true },
      { type: "bind", source: `${dir}/sock`, target: "/sock", readOnly: false, propagation: "rshared", createHostPath: false },
      { type: "volume", source: "shared-logs", target: "/logs", readOnly: true, noCopy: true, subpath: "db" },
      { type: "tmpfs", target: "/cache", readOnly: false, sizeBytes: 64 * 1024 * 1024, mode: 0o1777 },
      { type: "bind", source: `${dir}/token.txt`, target: "/run/secrets/token", readOnly: true, createHostPath: false },
      { type: "bind", source: `${dir}/nginx.conf`, target: "/etc/nginx.conf", readOnly: true, createHostPath: false },
    ]);
  });

  it("writes a secret from the environment into the container (no mount), and refuses one whose variable is not set", () => {
    expect(serviceContainerSpec(stack, "db", 1, withToken).files).toEqual([{ path: "/run/secrets/env_token", content: "from-the-environment", mode: 0o444 }]);
    expect(() => serviceContainerSpec(stack, "db", 1, { environment: () => undefined })).toThrow(
      "service db: secret from_env comes from the environment variable TOKEN, which is not set",
    );
  });

  it("re-mounts an existing anonymous volume at its target, and only there", () => {
    const mounts = serviceContainerSpec(stack, "db", 1, { ...withToken, anonymousVolumes: { "/scratch": "a".repeat(64), "/gone": "b".repeat(64) } }).host.mounts;
    expect(mounts.filter((mount) => mount.type === "volume").map((mount) => [mount.target, mount.source])).toEqual([
      ["/var/lib/postgresql/data", "demo_data"],
      ["/scratch", "a".repeat(64)],
      ["/logs", "shared-logs"],
    ]);
  });

  it("tmpfs entries become Docker's Tmpfs map", () => {
    expect(serviceContainerSpec(stack, "db", 1, withToken).host.tmpfs).toEqual({ "/run": "size=64m,uid=1000", "/tmp": "" });
  });

  it("data containers mount the same way, anonymous volumes kept on request", () => {
    expect(dataContainerSpec(stack, "wwwdata", { anonymousVolumes: { "/var/lib/www": "c".repeat(64) } }).host.mounts).toEqual([
      { type: "volume", source: "c".repeat(64), target: "/var/lib/www", readOnly: false, noCopy: false },
      { type: "volume", source: "demo_data", target: "/seed", readOnly: false, noCopy: false },
    ]);
  });
});

describe("volumes_from", () => {
  it("names a service's first replica, a data container's container, or the container as written; :ro kept", () => {
    expect(serviceContainerSpec(stack, "web", 1).host.volumesFrom).toEqual(["demo-db-1", "demo-wwwdata:ro", "legacy:ro"]);
  });
});
