/**
 * `renderStack`: the Compose file `tsd config` prints.
 *
 * Round trip: for every example and every valid corpus file that loads,
 * loading the rendered file (with the same project name, directory, profiles
 * and environment) gives the same stack, and the rendered file passes the
 * JSON Schema. Only what says where the stack came from may differ: the
 * files read, and the env files (their values are in `environment`; Compose
 * drops `env_file` from its output too).
 */
import { readFileSync, readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadProject } from "../../../src/project/project.js";
import type { LoadOptions } from "../../../src/stack/load.js";
import type { Stack } from "../../../src/stack/model.js";
import { type ComposeDocument, renderStack } from "../../../src/stack/render.js";
import { formatDuration, formatFileMode } from "../../../src/stack/render/units.js";
import { stringifyComposeYaml } from "../../../src/stack/render/yaml.js";
import { corpusLoadOptions, corpusRows, loadCorpusRow } from "../corpus-run.js";
import { type TempProject, tempProject } from "../support/temp-project.js";

const repoRoot = join(import.meta.dirname, "../../..");
const schema = JSON.parse(readFileSync(join(repoRoot, "schemas/stack.schema.json"), "utf8")) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const projects: TempProject[] = [];
afterEach(() => projects.splice(0).forEach((project) => project.cleanup()));

/** A temp folder holding `files`, removed after the test. */
function folder(files: Record<string, string>): TempProject {
  const project = tempProject(files, "tsd-render-");
  projects.push(project);
  return project;
}

/** The stack without what only says which files it was read from. */
function comparable(stack: Stack): object {
  const { files: _files, envFiles: _envFiles, services, ...rest } = stack;
  const servicesWithoutEnvFiles = Object.fromEntries(Object.entries(services).map(([name, { envFiles: _serviceEnvFiles, ...service }]) => [name, service]));
  return { ...rest, services: servicesWithoutEnvFiles };
}

/** Loads, renders, writes the rendering to a fresh folder and loads it again as the same project. */
function roundTrip(options: LoadOptions): { original: Stack; reloaded: Stack; text: string } {
  const original = loadProject(options).stack;
  const text = stringifyComposeYaml(renderStack(original));
  const rendered = folder({ "rendered.yml": text });
  const reloaded = loadProject({
    cwd: rendered.dir,
    files: [rendered.path("rendered.yml")],
    projectName: original.name,
    projectDirectory: original.projectDir,
    profiles: original.profiles,
    ...(options.envFiles ? { envFiles: options.envFiles } : {}),
    ...(options.environment ? { environment: options.environment } : {}),
  }).stack;
  return { original, reloaded, text };
}

function expectRoundTrip(options: LoadOptions): void {
  const { original, reloaded, text } = roundTrip(options);
  expect(comparable(reloaded)).toEqual(comparable(original));
  // Printing is a fixed point: the reloaded stack prints the same text.
  expect(stringifyComposeYaml(renderStack(reloaded))).toBe(text);
  const valid = validate(parse(text));
  expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
  expect(valid).toBe(true);
}

describe("round trip: load(render(load(x))) is load(x)", () => {
  const examplesRoot = join(repoRoot, "examples");
  const examples = readdirSync(examplesRoot).sort();

  it.each(examples)("example %s", (example) => {
    const file = join(examplesRoot, example, "stack.yml");
    expectRoundTrip({ cwd: join(examplesRoot, example), files: [file], environment: {} });
  });

  it("a stack using every field the model keeps", () => {
    expectRoundTrip({ cwd: folder(KITCHEN_SINK).dir, profiles: ["extra"], environment: { HOME: "/home/me", FROM_SHELL: "shell" } });
  });

  const loadable = corpusRows().filter((row) => row.label === "VALID" && loadCorpusRow(row).ok);

  it("covers most of the corpus", () => {
    expect(loadable.length).toBeGreaterThan(150);
  });

  it.each(loadable.map((row) => [row.file, row] as const))("corpus %s", (_file, row) => {
    expectRoundTrip(corpusLoadOptions(row));
  });
});

/** Renders a one-file stack written in a fresh folder; `dir` is its real path. */
function render(stackYaml: string, environment: Record<string, string> = {}): { document: ComposeDocument; dir: string } {
  const { dir } = folder({ "compose.yaml": stackYaml });
  const { stack } = loadProject({ cwd: dir, environment });
  return { document: renderStack(stack), dir: realpathSync(dir) };
}

function service(stackYaml: string): ComposeDocument["services"][string] {
  const rendered = render(`services:\n  web:\n    image: nginx\n${stackYaml}`).document.services.web;
  if (rendered === undefined) throw new Error("service web was not rendered");
  return rendered;
}

describe("short syntax is printed in its long form", () => {
  it("a port range: one entry per port, published as a string", () => {
    expect(service("    ports: ['8080-8081:80-81/udp']\n").ports).toEqual([
      { mode: "ingress", target: 80, published: "8080", protocol: "udp" },
      { mode: "ingress", target: 81, published: "8081", protocol: "udp" },
    ]);
  });

  it("a host port range for one container port stays a range", () => {
    expect(service("    ports: ['127.0.0.1:8000-8010:80']\n").ports).toEqual([
      { mode: "ingress", host_ip: "127.0.0.1", target: 80, published: "8000-8010", protocol: "tcp" },
    ]);
  });

  it("a relative bind mount: absolute source, read_only, no default options", () => {
    const { document, dir } = render("services:\n  web:\n    image: nginx\n    volumes: ['./data:/data:ro', 'cache:/cache', '/tmp']\nvolumes:\n  cache:\n");
    expect(document.services.web?.volumes).toEqual([
      { type: "bind", source: join(dir, "data"), target: "/data", read_only: true },
      { type: "volume", source: "cache", target: "/cache" },
      { type: "volume", target: "/tmp" },
    ]);
  });

  it("a depends_on list: condition and required, as Compose prints them", () => {
    const rendered = render("services:\n  web: {image: nginx, depends_on: [db]}\n  db: {image: postgres}\n").document;
    expect(rendered.services.web?.depends_on).toEqual({ db: { condition: "service_started", required: true } });
  });

  it("a healthcheck string: a CMD-SHELL test, durations as Go durations", () => {
    expect(service("    healthcheck:\n      test: curl -f http://localhost/\n      interval: 90s\n      start_period: 1500ms\n").healthcheck).toEqual({
      test: ["CMD-SHELL", "curl -f http://localhost/"],
      interval: "1m30s",
      start_period: "1.5s",
    });
  });

  it("restart on-failure with a retry count", () => {
    expect(service("    restart: on-failure:3\n").restart).toBe("on-failure:3");
  });

  it("byte sizes as strings of bytes, file modes in octal", () => {
    const rendered = render(
      "services:\n  web:\n    image: nginx\n    mem_limit: 512m\n    secrets: [{source: token, mode: 0440}]\nsecrets:\n  token: {environment: TOKEN}\n",
    ).document.services.web;
    expect(rendered?.mem_limit).toBe("536870912");
    expect(rendered?.secrets).toEqual([{ source: "token", target: "/run/secrets/token", mode: "0440" }]);
  });

  it("values are interpolated, and a literal $ is escaped so that loading the output again keeps it", () => {
    const rendered = render("services:\n  web:\n    image: nginx:${TAG}\n    environment: {PRICE: $$5, USER_HOME: $HOME}\n", { TAG: "1.27", HOME: "/home/me" });
    expect(rendered.document.services.web?.image).toBe("nginx:1.27");
    expect(rendered.document.services.web?.environment).toEqual({ PRICE: "$$5", USER_HOME: "/home/me" });
  });
});

describe("the printed YAML", () => {
  it("leaves defaults and empty values out and names the project's resources", () => {
    const { document } = render("name: shop\nservices:\n  web:\n    image: nginx\n    labels: {}\n    privileged: false\n    volumes: [data:/data]\nvolumes:\n  data: {}\n");
    expect(stringifyComposeYaml(document)).toBe(
      [
        "name: shop",
        "services:",
        "  web:",
        "    image: nginx",
        "    volumes:",
        "      - type: volume",
        "        source: data",
        "        target: /data",
        "networks:",
        "  default:",
        "    name: shop_default",
        "volumes:",
        "  data:",
        "    name: shop_data",
        "",
      ].join("\n"),
    );
  });
});

describe("Compose's printed units", () => {
  it.each([
    [0, "0s"],
    [0.0005, "500ns"],
    [0.0015, "1.5µs"],
    [500, "500ms"],
    [1500, "1.5s"],
    [10_000, "10s"],
    [60_000, "1m0s"],
    [90_000, "1m30s"],
    [3_600_000, "1h0m0s"],
    [5_400_500, "1h30m0.5s"],
  ])("%d ms is %s", (milliseconds, expected) => {
    expect(formatDuration(milliseconds)).toBe(expected);
  });

  it.each([
    [0o440, "0440"],
    [0o1777, "01777"],
    [0, "00"],
  ])("mode %d is %s", (mode, expected) => {
    expect(formatFileMode(mode)).toBe(expected);
  });
});

/** Every field of the model, written in the forms that exercise the rendering (short syntax, units, defaults overridden). */
const KITCHEN_SINK: Record<string, string> = {
  "app.env": "FROM_FILE=file\nOVERRIDDEN=file\n",
  "secret.txt": "s3cret\n",
  "compose.yaml": `
name: sink
x-common: &common {labels: {tier: back}}
services:
  web:
    image: nginx:1.27
    build:
      context: ./web
      dockerfile: Web.Dockerfile
      args: [VERSION=1, FROM_SHELL]
      target: prod
      labels: {built: "yes"}
      network: host
      shm_size: 64m
      extra_hosts: ["build.local=10.0.0.9"]
      cache_from: [nginx:cache]
      tags: [web:extra]
      no_cache: true
      pull: true
      platforms: [linux/amd64]
    command: nginx -g "daemon off;"
    entrypoint: [/docker-entrypoint.sh]
    env_file: [./app.env]
    environment: {OVERRIDDEN: mine, PRICE: $$5, UNSET: null, FROM_SHELL: null}
    ports:
      - "8080-8081:80-81/udp"
      - "[::1]:9000:9000"
      - {target: 443, published: "8443", host_ip: 0.0.0.0, protocol: tcp, mode: host, name: https, app_protocol: http2}
      - 3000
    expose: ["7000-7001", 7002/udp]
    volumes:
      - ./data:/data:ro,z
      - cache:/cache:nocopy
      - /anonymous
      - {type: bind, source: /srv, target: /srv, bind: {propagation: rshared, create_host_path: false, selinux: Z}}
      - {type: volume, source: cache, target: /sub, volume: {subpath: part}}
      - {type: tmpfs, target: /scratch, tmpfs: {size: 1g, mode: 1777}}
    volumes_from: [store:ro, "container:other"]
    links: [db:database, cache_svc]
    depends_on:
      db: {condition: service_healthy, restart: true}
      cache_svc: {condition: service_started, required: false}
    networks:
      front:
        aliases: [www]
        ipv4_address: 172.28.0.10
        link_local_ips: [169.254.0.1]
        priority: 100
        gw_priority: 1
        driver_opts: {opt: "1"}
        interface_name: eth7
        mac_address: 02:42:ac:11:65:43
      back:
    restart: on-failure:3
    healthcheck:
      test: curl -f http://localhost/
      interval: 1m30s
      timeout: 500ms
      start_period: 1h
      start_interval: 2s
      retries: 4
    user: "1000"
    working_dir: /app
    hostname: web
    domainname: example.com
    labels: [com.example.role=web, empty]
    container_name: sink-web
    stop_signal: SIGTERM
    stop_grace_period: 1m
    read_only: true
    security_opt: [no-new-privileges:true]
    mem_limit: 512m
    memswap_limit: -1
    mem_swappiness: 10
    shm_size: 128m
    cpu_shares: 512
    cpu_quota: 50000
    cpu_period: 100000
    cpuset: "0,1"
    oom_kill_disable: false
    oom_score_adj: -100
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    init: false
    tty: true
    stdin_open: true
    privileged: true
    logging: {driver: json-file, options: {max-size: 10m, max-file: 3}}
    extra_hosts: ["db.local:10.0.0.2", "v6.local=::1"]
    dns: 8.8.8.8
    dns_search: [example.com]
    dns_opt: [use-vc]
    ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}
    tmpfs: [/run:size=64m]
    sysctls: {net.core.somaxconn: 1024}
    devices: [/dev/ttyUSB0:/dev/ttyUSB1:rw]
    group_add: [audio]
    ipc: shareable
    pid: host
    uts: host
    userns_mode: host
    cgroup_parent: /custom
    platform: linux/amd64
    runtime: runc
    pull_policy: always
    deploy:
      replicas: 1
      labels: {swarm: "yes"}
      placement: {constraints: [node.role==worker], preferences: [{spread: node.labels.zone}], max_replicas_per_node: 2}
      resources:
        limits: {memory: 512m, pids: 100}
        reservations: {memory: 128m, cpus: "0.25", generic_resources: [{discrete_resource_spec: {kind: gpu, value: 2}}]}
      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}
      update_config: {parallelism: 2, delay: 10s, failure_action: rollback, monitor: 1m30s, max_failure_ratio: 0.2, order: start-first}
      rollback_config: {parallelism: 0, delay: 1500ms, failure_action: pause, monitor: 5s, order: stop-first}
    develop:
      watch:
        - {action: sync, path: ./src, target: /app/src, ignore: [node_modules], initial_sync: true}
        - {action: sync+exec, path: ./conf, target: /etc/app, exec: {command: reload now, user: root, working_dir: /}}
        - {action: rebuild, path: ./package.json}
    secrets: [token, {source: file_secret, target: custom, uid: "1000", gid: "1000", mode: 0440}]
    configs: [inline, {source: inline, target: /etc/inline.conf, mode: 0644}]
    x-tsd: {note: "kept $$verbatim"}
  db:
    <<: *common
    image: postgres:16
    restart: "no"
    deploy: {mode: global, endpoint_mode: vip, restart_policy: {condition: any}}
    healthcheck: {disable: true}
    network_mode: service:helper
  helper:
    image: busybox
    scale: 3
    cpus: 1.5
    pids_limit: 10
    mem_reservation: 64m
    healthcheck: {interval: 5s}
    networks: [back]
  cache_svc:
    image: redis
    command: []
    init: true
    oom_kill_disable: true
    network_mode: none
    profiles: [extra, default-on]
networks:
  front:
    driver: bridge
    driver_opts: {com.docker.network.bridge.name: br-front}
    ipam:
      driver: default
      config: [{subnet: 172.28.0.0/16, ip_range: 172.28.5.0/24, gateway: 172.28.0.1, aux_addresses: {host1: 172.28.1.5}}]
      options: {foo: bar}
    internal: true
    attachable: true
    enable_ipv4: true
    enable_ipv6: false
    labels: {net: front}
  back: {}
  outside: {external: true, name: corp_net}
  legacy: {external: {name: legacy_net}}
volumes:
  cache: {driver: local, driver_opts: {type: tmpfs, device: tmpfs}, labels: [vol=cache]}
  shared: {external: true}
  named: {name: custom-name}
secrets:
  token: {environment: TOKEN, labels: [owner=ops], driver: vault, driver_opts: {path: "secret/$$token"}}
  file_secret: {file: ./secret.txt}
configs:
  inline: {content: "port=$$PORT", template_driver: golang, labels: {tier: web}}
  outside_config: {external: true, name: corp_config}
data_containers:
  store:
    image: busybox
    command: [sh, -c, "echo seeded > /store/x"]
    volumes: [cache:/store, ./seed:/seed:ro]
    labels: {kind: store}
x-top: {value: "with $$dollar"}
`,
};
