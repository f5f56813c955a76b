import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, formatIssue } from "../../../src/base/errors.js";
import { type PlainMap, locatePath } from "../../../src/stack/located.js";
import type { Service, Stack } from "../../../src/stack/model.js";
import { normalizeStack } from "../../../src/stack/normalize.js";
import { parseStackText } from "../../../src/stack/read.js";
import { validateStackFile } from "../../../src/stack/schema.js";
import { tempProject } from "../support/temp-project.js";

// dotenv.ts is tested on its own; here a file is `KEY=VALUE` lines, `${NAME}` resolved through the lookup.
vi.mock("../../../src/stack/dotenv.js", () => ({
  readEnvFile: (path: string, lookup: (name: string) => string | undefined) => {
    if (!existsSync(path)) throw new ConfigError([{ path: "", message: `env file ${path} not found` }]);
    return Object.fromEntries(
      readFileSync(path, "utf8")
        .split("\n")
        .filter((line) => line.includes("="))
        .map((line) => {
          const [key, ...value] = line.split("=");
          return [key, value.join("=").replace(/\$\{(\w+)\}/g, (_, name: string) => lookup(name) ?? "")];
        }),
    );
  },
}));

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

type Outcome = { ok: true; stack: Stack; warnings: string[] } | { ok: false; issues: string[] };

function load(yaml: string, environment: Record<string, string> = {}): Outcome {
  const [tree] = parseStackText(yaml, "stack.yml");
  const validation = validateStackFile(tree!);
  if (!validation.ok) throw new Error(validation.issues.map(formatIssue).join("\n"));
  const result = normalizeStack(validation.stackFile, {
    name: "demo",
    projectId: "id",
    projectDir: "/project",
    files: ["/project/stack.yml"],
    envFiles: [],
    profiles: [],
    lookup: (name) => environment[name],
    locate: (path) => locatePath(tree!, path),
  });
  return result.ok ? result : { ok: false, issues: result.issues.map(formatIssue) };
}

function stack(yaml: string, environment: Record<string, string> = {}): Stack {
  const outcome = load(yaml, environment);
  if (!outcome.ok) throw new Error(outcome.issues.join("\n"));
  return outcome.stack;
}

function web(yaml: string, environment: Record<string, string> = {}): Service {
  return stack(`services:\n  web:\n    image: nginx\n${yaml.replace(/^/gm, "    ")}\n`, environment).services.web!;
}

function issues(yaml: string): string[] {
  const outcome = load(yaml);
  return outcome.ok ? [] : outcome.issues;
}

describe("normalizeStack: ports", () => {
  it.each([
    ["3000", [{ target: 3000, protocol: "tcp", mode: "ingress" }]],
    ["'80/udp'", [{ target: 80, protocol: "udp", mode: "ingress" }]],
    ["'127.0.0.1:80:8080'", [{ target: 8080, published: { start: 80, end: 80 }, hostIp: "127.0.0.1", protocol: "tcp", mode: "ingress" }]],
    ["'[::1]:80:80'", [{ target: 80, published: { start: 80, end: 80 }, hostIp: "::1", protocol: "tcp", mode: "ingress" }]],
    ["'127.0.0.1::80'", [{ target: 80, hostIp: "127.0.0.1", protocol: "tcp", mode: "ingress" }]],
    [
      "'8080-8081:8080-8081'",
      [
        { target: 8080, published: { start: 8080, end: 8080 }, protocol: "tcp", mode: "ingress" },
        { target: 8081, published: { start: 8081, end: 8081 }, protocol: "tcp", mode: "ingress" },
      ],
    ],
    ["'9090-9091:8080'", [{ target: 8080, published: { start: 9090, end: 9091 }, protocol: "tcp", mode: "ingress" }]],
    [
      "{target: 80, published: '8080', host_ip: 0.0.0.0, protocol: udp, mode: host, name: web, app_protocol: http}",
      [{ target: 80, published: { start: 8080, end: 8080 }, hostIp: "0.0.0.0", protocol: "udp", mode: "host", name: "web", appProtocol: "http" }],
    ],
  ])("expands %s", (port, expected) => {
    expect(web(`ports: [${port}]`).ports).toEqual(expected);
  });

  it("expands expose ranges", () => {
    expect(web("expose: ['3000-3001/udp', 8000]").expose).toEqual([
      { port: 3000, protocol: "udp" },
      { port: 3001, protocol: "udp" },
      { port: 8000, protocol: "tcp" },
    ]);
  });
});

describe("normalizeStack: mounts", () => {
  it("turns short volume syntax into long mounts", () => {
    expect(web("volumes: ['/host:/c:ro,z', 'data:/d:nocopy', '/anon', '/src:/s:rshared']\nvolumes_from: []").volumes).toEqual([
      { type: "bind", source: "/host", target: "/c", readOnly: true, createHostPath: true, selinux: "z" },
      { type: "volume", source: "data", target: "/d", readOnly: false, nocopy: true },
      { type: "volume", target: "/anon", readOnly: false, nocopy: false },
      { type: "bind", source: "/src", target: "/s", readOnly: false, createHostPath: true, propagation: "rshared" },
    ]);
  });

  it("parses tmpfs size and mode in the long form", () => {
    expect(web("volumes: [{type: tmpfs, target: /t, tmpfs: {size: 64m, mode: 1777}}]").volumes).toEqual([
      { type: "tmpfs", target: "/t", readOnly: false, size: 64 * 1024 ** 2, mode: 0o1777 },
    ]);
  });

  it("resolves volumes_from to data containers, services and containers", () => {
    const services = stack(
      "data_containers:\n  data: {image: busybox, volumes: [/d]}\nservices:\n  db: {image: pg}\n  web:\n    image: a\n    volumes_from: [data, 'db:ro', 'container:legacy:rw']\n",
    ).services;
    expect(services.web!.volumesFrom).toEqual([
      { kind: "dataContainer", name: "data", readOnly: false },
      { kind: "service", name: "db", readOnly: true },
      { kind: "container", name: "legacy", readOnly: false },
    ]);
  });

  it("rejects the same container path mounted twice", () => {
    expect(issues("services:\n  web:\n    image: a\n    volumes: ['/a:/data', 'v:/data/']\n    tmpfs: [/run, '/run:size=1m']\n")).toEqual([
      'stack.yml:4:27 services.web.volumes[1]: container path "/data" is mounted twice (also by volumes[0])',
      'stack.yml:5:19 services.web.tmpfs[1]: container path "/run" is mounted twice (also by tmpfs[0])',
    ]);
  });
});

describe("normalizeStack: service defaults and short forms", () => {
  it("applies Compose's defaults to a minimal service", () => {
    const service = web("");
    expect(service).toMatchObject({
      restart: { policy: "no" },
      pullPolicy: "missing",
      replicas: 1,
      networks: { default: { aliases: [], linkLocalIps: [], driverOpts: {} } },
      readOnly: false,
      privileged: false,
      environment: {},
    });
  });

  it("splits string commands like a shell and keeps lists", () => {
    const service = web(`command: bundle exec "thin -p" 3000 it\\'s\nentrypoint: ["/bin/sh", "-c"]`);
    expect(service.command).toEqual(["bundle", "exec", "thin -p", "3000", "it's"]);
    expect(service.entrypoint).toEqual(["/bin/sh", "-c"]);
  });

  it("turns depends_on lists into the long form and fills long-form defaults", () => {
    const services = stack("services:\n  db: {image: a}\n  cache: {image: a}\n  web:\n    image: a\n    depends_on: [db]\n  api:\n    image: a\n    depends_on: {cache: {condition: service_healthy}}\n").services;
    expect(services.web!.dependsOn).toEqual({ db: { condition: "service_started", required: true, restart: false } });
    expect(services.api!.dependsOn).toEqual({ cache: { condition: "service_healthy", required: true, restart: false } });
  });

  it("reads links, network_mode and labels", () => {
    const service = web("links: [db, 'cache:redis']\nnetwork_mode: service:vpn\nlabels: [a=1, b]");
    expect(service.links).toEqual([
      { service: "db", alias: "db" },
      { service: "cache", alias: "redis" },
    ]);
    expect(service.networkMode).toEqual({ kind: "service", service: "vpn" });
    expect(service.networks).toEqual({});
    expect(service.labels).toEqual({ a: "1", b: "" });
  });

  it.each([
    ["restart: on-failure:3", { policy: "on-failure", maxRetries: 3 }],
    ["deploy: {restart_policy: {condition: on-failure, max_attempts: 2}}", { policy: "on-failure", maxRetries: 2 }],
    ["deploy: {restart_policy: {condition: any}}", { policy: "always" }],
    ["deploy: {restart_policy: {condition: none}}", { policy: "no" }],
    ["restart: unless-stopped\ndeploy: {restart_policy: {condition: none}}", { policy: "unless-stopped" }],
  ])("maps %s to a restart policy", (yaml, expected) => {
    expect(web(yaml).restart).toEqual(expected);
  });

  it.each([
    ["test: curl -f localhost", { test: ["CMD-SHELL", "curl -f localhost"], disable: false }],
    ["test: [CMD, /bin/true]\ninterval: 10s\ntimeout: 1s\nretries: 3\nstart_period: 1m\nstart_interval: 2s", { test: ["CMD", "/bin/true"], disable: false, interval: 10_000, timeout: 1000, retries: 3, startPeriod: 60_000, startInterval: 2000 }],
    ["test: NONE", { test: ["NONE"], disable: true }],
    ["disable: true", { test: ["NONE"], disable: true }],
  ])("normalises the health check %s", (yaml, expected) => {
    expect(web(`healthcheck:\n${yaml.replace(/^/gm, "  ")}`).healthcheck).toEqual(expected);
  });

  it("reads extra_hosts, ulimits, sysctls, devices and logging", () => {
    const service = web(
      "extra_hosts: ['a:10.0.0.1', 'b=::1', 'c:[::2]']\nulimits: {nproc: 65535, nofile: {soft: 1, hard: 2}}\nsysctls: [net.core.somaxconn=1024]\ndevices: ['/dev/a', '/dev/b:/dev/c:r']\nlogging: {driver: syslog, options: {max-size: 10}}",
    );
    expect(service.extraHosts).toEqual([
      { host: "a", ip: "10.0.0.1" },
      { host: "b", ip: "::1" },
      { host: "c", ip: "::2" },
    ]);
    expect(service.ulimits).toEqual({ nofile: { soft: 1, hard: 2 }, nproc: { soft: 65535, hard: 65535 } });
    expect(service.sysctls).toEqual({ "net.core.somaxconn": "1024" });
    expect(service.devices).toEqual([
      { source: "/dev/a", target: "/dev/a", permissions: "rwm" },
      { source: "/dev/b", target: "/dev/c", permissions: "r" },
    ]);
    expect(service.logging).toEqual({ driver: "syslog", options: { "max-size": "10" } });
  });

  it("gives secrets and configs their default targets", () => {
    const service = web("secrets: [db_pass, {source: api, target: api.key}, {source: tls, target: /etc/tls.pem, mode: 0400}]\nconfigs: [nginx, {source: app, target: app.conf}]");
    expect(service.secrets).toEqual([
      { source: "db_pass", target: "/run/secrets/db_pass" },
      { source: "api", target: "/run/secrets/api.key" },
      { source: "tls", target: "/etc/tls.pem", mode: 0o400 },
    ]);
    expect(service.configs).toEqual([
      { source: "nginx", target: "/nginx" },
      { source: "app", target: "/app.conf" },
    ]);
  });

  it("merges resources from service keys and deploy.resources", () => {
    const service = web("mem_limit: 512m\ncpus: 0.5\ndeploy: {resources: {limits: {memory: 512m, pids: 100}, reservations: {cpus: '0.25', memory: 256m}}}");
    expect(service.resources).toEqual({ memLimit: 512 * 1024 ** 2, cpus: 0.5, pidsLimit: 100, cpusReservation: 0.25, memReservation: 256 * 1024 ** 2 });
  });

  it.each([
    ["deploy: {replicas: 3}", 3],
    ["scale: 2", 2],
    ["scale: 0", 0],
  ])("takes the replica count from %s", (yaml, expected) => {
    expect(web(yaml).replicas).toBe(expected);
  });

  it("fills build defaults and resolves bare build args from the environment", () => {
    const build = web("build: {args: [VERSION, MISSING, FIXED=1], dockerfile_inline: 'FROM alpine'}", { VERSION: "2" }).build;
    expect(build).toEqual({
      context: "/project",
      dockerfileInline: "FROM alpine",
      args: { VERSION: "2", MISSING: null, FIXED: "1" },
      labels: {},
      extraHosts: [],
      cacheFrom: [],
      tags: [],
      noCache: false,
      pull: false,
      platforms: [],
    });
    expect(web("build: ./app").build).toMatchObject({ context: "./app", dockerfile: "Dockerfile" });
  });

  it("normalises develop.watch rules", () => {
    expect(web("develop:\n  watch:\n    - {action: sync, path: /project/src, target: /app, ignore: node_modules}").develop).toEqual({
      watch: [{ action: "sync", path: "/project/src", target: "/app", ignore: ["node_modules"], include: [], initialSync: false }],
    });
  });

  it("keeps x- extensions of services and the stack", () => {
    const result = stack("x-common: 1\nservices:\n  web:\n    image: a\n    x-tsd: {watch: false}\n");
    expect(result.extensions).toEqual({ "x-common": 1 });
    expect(result.services.web!.extensions).toEqual({ "x-tsd": { watch: false } });
  });
});

describe("normalizeStack: environment", () => {
  it("takes values for bare keys from the caller's environment, else null", () => {
    expect(web("environment: [A=1, FROM_SHELL, UNSET]\n", { FROM_SHELL: "shell" }).environment).toEqual({ A: "1", FROM_SHELL: "shell", UNSET: null });
    expect(web("environment: {A: 1, B: true, C: null}").environment).toEqual({ A: "1", B: "true", C: null });
  });

  it("layers env files in order under environment, and records the files read", () => {
    const project = tempProject({ "a.env": "A=a\nB=a\nC=a\n", "b.env": "B=b\nREF=${SERVICE_VALUE}\n" });
    cleanups.push(project.cleanup);
    const service = web(
      `env_file: [${project.path("a.env")}, {path: ${project.path("b.env")}}, {path: ${project.path("missing.env")}, required: false}]\nenvironment: {C: env, SERVICE_VALUE: from-service, A: null}`,
    );
    expect(service.environment).toEqual({ A: "a", B: "b", C: "env", REF: "from-service", SERVICE_VALUE: "from-service" });
    expect(service.envFiles).toEqual([project.path("a.env"), project.path("b.env")]);
  });
});

describe("normalizeStack: top-level resources", () => {
  it("adds the default network only when a service uses it", () => {
    expect(stack("services:\n  web: {image: a}\n").networks).toEqual({
      default: { key: "default", name: "demo_default", external: false, driverOpts: {}, internal: false, attachable: false, labels: {} },
    });
    expect(stack("services:\n  web: {image: a, networks: [back]}\nnetworks:\n  back: {}\n").networks).not.toHaveProperty("default");
  });

  it("names networks and volumes after the project unless named or external", () => {
    const result = stack(
      "networks:\n  back: {driver: bridge, internal: 'true'}\n  named: {name: shared}\n  ext: {external: true}\n  old: {external: {name: legacy}}\nvolumes:\n  data:\n  ext: {external: true, name: real}\n",
    );
    expect(Object.values(result.networks).map((network) => [network.key, network.name, network.external])).toEqual([
      ["back", "demo_back", false],
      ["ext", "ext", true],
      ["named", "shared", false],
      ["old", "legacy", true],
    ]);
    expect(result.networks.back).toMatchObject({ driver: "bridge", internal: true });
    expect(Object.values(result.volumes).map((volume) => [volume.key, volume.name, volume.external])).toEqual([
      ["data", "demo_data", false],
      ["ext", "real", true],
    ]);
  });

  it("reads IPAM settings", () => {
    const result = stack("networks:\n  n:\n    ipam:\n      config: [{subnet: 172.28.0.0/16, gateway: 172.28.5.254, aux_addresses: {host1: 172.28.1.5}}]\n");
    expect(result.networks.n!.ipam).toEqual({ options: {}, config: [{ subnet: "172.28.0.0/16", gateway: "172.28.5.254", auxAddresses: { host1: "172.28.1.5" } }] });
  });

  it("reads secrets, configs and data containers", () => {
    const result = stack(
      "secrets:\n  s: {file: /project/s.txt}\n  e: {environment: TOKEN}\n  x: {external: true}\nconfigs:\n  c: {content: hello}\ndata_containers:\n  data: {image: busybox, volumes: ['/d'], command: 'sh -c true', labels: {a: 1}}\n",
    );
    expect(result.secrets).toEqual({
      e: { key: "e", name: "demo_e", external: false, environment: "TOKEN", labels: {} },
      s: { key: "s", name: "demo_s", external: false, file: "/project/s.txt", labels: {} },
      x: { key: "x", name: "x", external: true, labels: {} },
    });
    expect(result.configs.c).toEqual({ key: "c", name: "demo_c", external: false, content: "hello", labels: {} });
    expect(result.dataContainers.data).toEqual({
      name: "data",
      image: "busybox",
      volumes: [{ type: "volume", target: "/d", readOnly: false, nocopy: false }],
      command: ["sh", "-c", "true"],
      labels: { a: "1" },
    });
  });
});

describe("normalizeStack: conflicting and incomplete fields", () => {
  it.each([
    ["services:\n  web: {command: x}\n", "stack.yml:2:3 services.web: services.web: must have an image or a build section"],
    [
      "services:\n  web:\n    image: a\n    mem_limit: 1g\n    deploy: {resources: {limits: {memory: 2g}}}\n",
      "stack.yml:4:5 services.web.mem_limit: services.web.mem_limit and deploy.resources.limits.memory conflict",
    ],
    ["services:\n  web:\n    image: a\n    scale: 2\n    deploy: {replicas: 3}\n", "stack.yml:4:5 services.web.scale: services.web.scale and deploy.replicas conflict"],
    ["services:\n  web:\n    image: a\n    network_mode: host\n    networks: [back]\n", "stack.yml:5:5 services.web.networks: network_mode and networks cannot be used together"],
    ["services:\n  web:\n    build: {dockerfile: D, dockerfile_inline: FROM a}\n", "stack.yml:3:5 services.web.build: dockerfile and dockerfile_inline cannot both be set"],
    [
      "services:\n  web:\n    image: a\n    platform: linux/riscv64\n    build: {platforms: [linux/amd64]}\n",
      'stack.yml:4:5 services.web.platform: platform "linux/riscv64" is not one of build.platforms (linux/amd64)',
    ],
    [
      "services:\n  web:\n    image: a\n    healthcheck: {test: [CMD, x], start_interval: 1s}\n",
      "stack.yml:4:35 services.web.healthcheck.start_interval: start_interval needs start_period (it is the check interval during the start period)",
    ],
    [
      "services:\n  web:\n    image: a\n    develop: {watch: [{action: sync, path: /p}]}\n",
      "stack.yml:4:23 services.web.develop.watch[0]: action sync needs a target (the path in the container)",
    ],
    ["services:\n  web:\n    image: a\n    ulimits: {nofile: {soft: 2, hard: 1}}\n", "stack.yml:4:15 services.web.ulimits.nofile: soft limit 2 is above the hard limit 1 (soft must not exceed hard; -1 means unlimited)"],
    ["networks:\n  n: {external: true, driver: overlay}\n", "stack.yml:2:3 networks.n: an external network cannot set driver (it is not created by tsd)"],
    ["volumes:\n  v: {external: true, labels: [a=b]}\n", "stack.yml:2:3 volumes.v: an external volume cannot set labels (it is not created by tsd)"],
    ["secrets:\n  s: {name: x}\n", "stack.yml:2:3 secrets.s: must set file or environment (or external: true)"],
    ["configs:\n  c: {file: /a, content: b}\n", "stack.yml:2:3 configs.c: set only one of file, environment or content (found file and content)"],
    ["data_containers:\n  web: {image: a}\nservices:\n  web: {image: a}\n", 'stack.yml:2:3 data_containers.web: "web" is both a service and a data container'],
  ])("reports %j", (yaml, expected) => {
    expect(issues(yaml)).toEqual([expected]);
  });
});

describe("validate + normalize robustness (fast-check)", () => {
  const plain: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom(null, true, false, 0, -1, 80, 65536, 1.5, "", "80:80", "/a:/b:ro", "1g", "10s", "yes", "service:db", "x=y"),
      fc.string({ maxLength: 12 }),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom("image", "build", "ports", "volumes", "environment", "networks", "external", "target", "x-a", "test"), tie("value"), { maxKeys: 3 }),
    ),
  })).value;
  const serviceKeys = ["image", "build", "command", "ports", "expose", "volumes", "volumes_from", "depends_on", "networks", "network_mode", "restart", "healthcheck", "deploy", "environment", "env_file", "ulimits", "extra_hosts", "secrets", "develop", "scale", "mem_limit", "tmpfs", "links"];

  it("every random service is a normalised stack or located issues, never a crash", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...serviceKeys), plain, { maxKeys: 5 }), fc.dictionary(fc.constantFrom("networks", "volumes", "secrets", "configs", "data_containers"), plain, { maxKeys: 2 }), (service, topLevel) => {
        const tree = { ...topLevel, services: { web: { image: "a", ...service } } } as PlainMap;
        const validation = validateStackFile(tree);
        if (!validation.ok) {
          for (const issue of validation.issues) expect(issue.message).not.toMatch(/Invalid input|expected .*, received/);
          return;
        }
        const result = normalizeStack(validation.stackFile, {
          name: "demo", projectId: "id", projectDir: "/project", files: [], envFiles: [], profiles: [],
          lookup: () => undefined,
          locate: (path) => locatePath(tree, path),
        });
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });
});
