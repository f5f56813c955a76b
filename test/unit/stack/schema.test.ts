import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/base/errors.js";
import { parseStackText } from "../../../src/stack/read.js";
import { locatePath } from "../../../src/stack/located.js";
import { normalizeStack } from "../../../src/stack/normalize.js";
import { UNSUPPORTED_FEATURES, type StackFile, validateStackFile } from "../../../src/stack/schema.js";
import { singleEngineWarnings } from "../../../src/targets/docker/check.js";
import { corpusRoot } from "../corpus-expectations.js";

function tree(yaml: string) {
  const [parsed] = parseStackText(yaml, "stack.yml");
  return parsed ?? {};
}

/** Issues as `path: message` lines. */
function problems(yaml: string): string[] {
  const result = validateStackFile(tree(yaml));
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

function valid(yaml: string): StackFile {
  const result = validateStackFile(tree(yaml));
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
  return result.stackFile;
}

function service(yaml: string) {
  const services = valid(`services:\n  web:\n${yaml.replace(/^/gm, "    ")}\n`).services ?? {};
  return services.web!;
}

/** Crude stand-in for interpolation: the corpus samples only use `${NAME}` with a value in their .env. */
function interpolateFromDotEnv(text: string, dir: string): string {
  const dotenv = existsSync(join(dir, ".env")) ? readFileSync(join(dir, ".env"), "utf8") : "";
  const values = Object.fromEntries(
    dotenv
      .split("\n")
      .map((line) => /^\s*([A-Za-z_]\w*)\s*=\s*(.*?)\s*(#.*)?$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1], match[2]!.replace(/^["']|["']$/g, "")]),
  );
  return text.replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_, name: string, fallback?: string) => values[name] ?? fallback ?? "/tmp").replace(/\$\$/g, "$");
}

describe("validateStackFile on real Compose files", () => {
  const samples = readdirSync(join(corpusRoot, "awesome-compose"))
    .flatMap((sample) => ["compose.yaml", "compose.yml"].map((file) => join(corpusRoot, "awesome-compose", sample, file)))
    .filter((file) => existsSync(file));

  it("finds the awesome-compose samples", () => {
    expect(samples.length).toBeGreaterThan(35);
  });

  it.each(samples)("accepts %s", (file) => {
    const text = interpolateFromDotEnv(readFileSync(file, "utf8"), join(file, ".."));
    for (const document of parseStackText(text, file)) {
      const result = validateStackFile(document);
      expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
    }
  });

  it("rejects compose-go's full example only for the features tsd does not support", () => {
    const file = join(corpusRoot, "compose-go/loader/full-example.yml");
    const result = validateStackFile(tree(readFileSync(file, "utf8")));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => `${issue.path}: ${issue.message.replace(/ \(.*\)$/, "")}`).sort()).toEqual([
      "services.foo.annotations: not supported by tsd: annotations",
      "services.foo.build.additional_contexts: not supported by tsd: build.additional_contexts",
      "services.foo.build.secrets: not supported by tsd: build.secrets",
      "services.foo.build.ssh: not supported by tsd: build.ssh",
      "services.foo.device_cgroup_rules: not supported by tsd: device_cgroup_rules",
      "services.foo.external_links: not supported by tsd: external_links",
      "services.foo.label_file: not supported by tsd: label_file",
      "services.foo.storage_opt: not supported by tsd: storage_opt",
    ]);
  });

  it("accepts the rest of compose-go's full example; the single-engine target warns about its Swarm-only settings", () => {
    const document = tree(readFileSync(join(corpusRoot, "compose-go/loader/full-example.yml"), "utf8"));
    const foo = (document.services as Record<string, Record<string, unknown>>).foo!;
    const build = foo.build as Record<string, unknown>;
    for (const key of ["annotations", "device_cgroup_rules", "external_links", "label_file", "storage_opt"]) delete foo[key];
    for (const key of ["additional_contexts", "secrets", "ssh"]) delete build[key];
    const result = validateStackFile(document);
    // Swarm-only settings are valid: the loader keeps them without a word.
    expect(result.ok ? result.warnings : result.issues.map(formatIssue)).toEqual([]);
    if (!result.ok) return;
    // To make it a Stack: its env file is not in the corpus, and it sets network_mode beside networks.
    const { env_file: _envFile, network_mode: _networkMode, ...loadable } = result.stackFile.services?.foo ?? {};
    const stackFile = { ...result.stackFile, services: { ...result.stackFile.services, foo: loadable } };
    const normalized = normalizeStack(stackFile, {
      name: "full",
      projectId: "id",
      projectDir: "/project",
      files: [],
      envFiles: [],
      profiles: [],
      lookup: () => undefined,
      locate: (path) => locatePath(document, path),
    });
    expect(normalized.ok ? singleEngineWarnings(normalized.stack) : normalized.issues.map(formatIssue)).toEqual([
      "services.foo.deploy.endpoint_mode is used only in Swarm mode; tsd ignores it on a single engine",
      "services.foo.deploy.labels is used only in Swarm mode; tsd ignores it on a single engine",
      "services.foo.deploy.placement is used only in Swarm mode; tsd ignores it on a single engine",
      "services.foo.deploy.rollback_config is used only in Swarm mode; tsd ignores it on a single engine",
      "services.foo.deploy.update_config is used only in Swarm mode; tsd ignores it on a single engine",
      "services.foo.deploy.restart_policy.delay is used only in Swarm mode; tsd ignores it on a single engine",
      "services.foo.deploy.restart_policy.window is used only in Swarm mode; tsd ignores it on a single engine",
      "services.foo.deploy.resources.reservations.generic_resources is used only in Swarm mode; tsd ignores it on a single engine",
    ]);
  });
});

describe("validateStackFile messages", () => {
  it.each([
    ["a misspelt key, with a suggestion", "services:\n  web:\n    image: a\n    depnds_on: [db]\n", 'services.web.depnds_on: unknown key "depnds_on", did you mean "depends_on"?'],
    ["an unknown key without a close match", "services:\n  web:\n    image: a\n    wrongField: 1\n", 'services.web.wrongField: unknown key "wrongField"'],
    ["an unknown top-level key", "services: {}\nnetwork: {}\n", 'network: unknown key "network", did you mean "networks"?'],
    ["a port out of range", "services:\n  web:\n    image: a\n    ports: ['99999:80']\n", 'services.web.ports[0]: "99999:80" is not a valid port (1-65535)'],
    ["a bad protocol", "services:\n  web:\n    image: a\n    ports: ['80/http']\n", 'services.web.ports[0]: "80/http": protocol "http" must be tcp, udp or sctp'],
    ["a malformed port", "services:\n  web:\n    image: a\n    ports: ['web:80']\n", 'services.web.ports[0]: "web:80" is not a valid port mapping: expected [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]'],
    [
      "mismatched port ranges",
      "services:\n  web:\n    image: a\n    ports: ['8080-8082:80-81']\n",
      'services.web.ports[0]: "8080-8082:80-81": the host port range and the container port range must have the same length',
    ],
    ["a bad host IP", "services:\n  web:\n    image: a\n    ports: ['1.2.3:80:80']\n", 'services.web.ports[0]: "1.2.3:80:80": "1.2.3" is not a valid IP address'],
    ["a long port with a wrong type", "services:\n  web:\n    image: a\n    ports: [{target: [80]}]\n", "services.web.ports[0].target: must be a port number"],
    ["a long port with a missing target", "services:\n  web:\n    image: a\n    ports: [{published: 80}]\n", 'services.web.ports[0]: missing required key "target"'],
    [
      "an unknown restart policy",
      "services:\n  web:\n    image: a\n    restart: sometimes\n",
      'services.web.restart: "sometimes" is not a restart policy (use no, always, on-failure[:N] or unless-stopped)',
    ],
    ["a duration without a unit", "services:\n  web:\n    image: a\n    stop_grace_period: '10'\n", 'services.web.stop_grace_period: "10" is not a valid duration: add a unit, e.g. "10s"'],
    ["a number as a duration", "services:\n  web:\n    image: a\n    healthcheck: {interval: 10}\n", 'services.web.healthcheck.interval: must be a duration, e.g. "10s" or "1m30s"'],
    ["a bad byte size", "services:\n  web:\n    image: a\n    mem_limit: 12q\n", 'services.web.mem_limit: "12q" is not a byte size (e.g. 512m, 1g, 1024)'],
    ["a bad boolean", "services:\n  web:\n    image: a\n    privileged: maybe\n", 'services.web.privileged: "maybe" is not a boolean (use true or false)'],
    ["a list where a boolean belongs", "services:\n  web:\n    image: a\n    tty: [true]\n", "services.web.tty: must be true or false"],
    ["a non-integer", "services:\n  web:\n    image: a\n    scale: two\n", 'services.web.scale: "two" is not an integer'],
    ["a negative scale", "services:\n  web:\n    image: a\n    scale: -1\n", "services.web.scale: -1 must be an integer of at least 0"],
    [
      "a network_mode naming a network",
      "services:\n  web:\n    image: a\n    network_mode: backend\n",
      'services.web.network_mode: "backend" is not a supported network_mode (use bridge, host, none, service:NAME or container:NAME; to join a network, list it under networks:)',
    ],
    [
      "an unknown depends_on condition",
      "services:\n  web:\n    image: a\n    depends_on: {db: {condition: healthy}}\n",
      "services.web.depends_on.db.condition: must be one of service_started, service_healthy, service_completed_successfully",
    ],
    [
      "an unknown pull policy",
      "services:\n  web:\n    image: a\n    pull_policy: sometimes\n",
      'services.web.pull_policy: "sometimes" is not a pull policy (use always, never, missing, build, daily, weekly or every_<duration>)',
    ],
    ["a volume with too many colons", "services:\n  web:\n    image: a\n    volumes: ['/a:/b:ro:z']\n", 'services.web.volumes[0]: "/a:/b:ro:z" has too many ":" (expected [SOURCE:]TARGET[:OPTIONS])'],
    ["a relative container path", "services:\n  web:\n    image: a\n    volumes: ['data:app']\n", 'services.web.volumes[0]: "data:app": container path "app" must be absolute'],
    ["an unknown volume option", "services:\n  web:\n    image: a\n    volumes: ['/a:/b:rx']\n", 'services.web.volumes[0]: "/a:/b:rx": unknown volume option "rx" (use ro, rw, z, Z, nocopy or a propagation mode)'],
    ["a bind mount without source", "services:\n  web:\n    image: a\n    volumes: [{type: bind, target: /b}]\n", "services.web.volumes[0]: a bind mount needs a source"],
    ["an image mount", "services:\n  web:\n    image: a\n    volumes: [{type: image, source: alpine, target: /b}]\n", 'services.web.volumes[0]: not supported by tsd: volumes type "image" (image mounts are not implemented)'],
    ["storage_opt", "services:\n  web:\n    image: a\n    storage_opt: {size: 1G}\n", "services.web.storage_opt: not supported by tsd: storage_opt (storage driver options are not implemented)"],
    ["a GPU request count", "services:\n  web:\n    image: a\n    gpus: [{count: some}]\n", 'services.web.gpus: must be "all" or a list of GPU requests'],
    ["top-level models", "models:\n  m: {}\nservices: {}\n", "models: not supported by tsd: models (AI model runners are a Docker Desktop feature)"],
    ["a spaced variable name", "services:\n  web:\n    image: a\n    environment: ['KEY = value']\n", 'services.web.environment[0]: variable name "KEY " must not contain spaces'],
    ["a command of the wrong type", "services:\n  web:\n    image: a\n    command: {run: x}\n", "services.web.command: must be a string or a list of strings"],
    ["an unterminated quote", "services:\n  web:\n    image: a\n    command: echo 'hi\n", 'services.web.command: "echo \'hi" has an unterminated single quote'],
    ["services as a list", "services: [web]\n", "services: must be a mapping of service names"],
    ["a service that is not a mapping", "services:\n  web: nginx\n", "services.web: must be a mapping (a service)"],
    ["a bad service name", "services:\n  'my web': {image: a}\n", 'services["my web"]: "my web" is not a valid service name (use letters, digits, ".", "_" and "-")'],
    ["a data container without image", "data_containers:\n  data: {volumes: [/d]}\n", 'data_containers.data: missing required key "image"'],
    ["a v1 file", "web:\n  image: nginx\n", 'web: unknown key "web": it looks like a service in the old v1 format; move it under services:'],
    ["an empty file", "{}\n", ": empty stack file: nothing is defined (add a services: section)"],
    [
      "a health test list without its kind",
      "services:\n  web:\n    image: a\n    healthcheck: {test: [curl, localhost]}\n",
      'services.web.healthcheck.test: a test list must start with "CMD", "CMD-SHELL" or "NONE"',
    ],
    ["an env_file format tsd cannot read", "services:\n  web:\n    image: a\n    env_file: [{path: /e, format: json}]\n", 'services.web.env_file[0].format: must be "raw" (or left out for the usual .env syntax)'],
    ["a file mode that is not octal", "services:\n  web:\n    image: a\n    secrets: [{source: s, mode: '0999'}]\n", 'services.web.secrets[0].mode: "0999" is not a file mode (octal, e.g. 0440)'],
  ])("reports %s", (_case, yaml, expected) => {
    expect(problems(yaml)).toContain(expected);
  });

  it("reports every problem, not just the first", () => {
    const yaml = "services:\n  web:\n    image: a\n    ports: ['0:80']\n    privileged: maybe\n  db:\n    image: b\n    restrat: always\n";
    expect(problems(yaml)).toHaveLength(3);
  });

  it("locates problems at the line and column they were written", () => {
    const result = validateStackFile(tree("services:\n  web:\n    image: a\n    ports:\n      - 80\n      - '99999:80'\n"));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual(['stack.yml:6:9 services.web.ports[1]: "99999:80" is not a valid port (1-65535)']);
  });

  it("states the reason for every unsupported feature", () => {
    expect(Object.keys(UNSUPPORTED_FEATURES)).toEqual(expect.arrayContaining(["models", "storage_opt", "build.ssh", "post_start", 'volumes type "image"']));
    for (const reason of Object.values(UNSUPPORTED_FEATURES)) expect(reason.length).toBeGreaterThan(10);
  });
});

describe("validateStackFile accepts and types what Compose accepts", () => {
  it("accepts x- extensions wherever a mapping has fixed keys", () => {
    const stackFile = valid("x-top: 1\nservices:\n  web:\n    image: a\n    x-tsd: {watch: true}\n    ports: [{target: 80, x-note: n}]\nnetworks:\n  n: {x-n: 1}\n");
    expect(stackFile["x-top"]).toBe(1);
    expect(stackFile.services?.web?.["x-tsd"]).toEqual({ watch: true });
  });

  it.each([
    ["replicas as text", "deploy: {replicas: '3'}", (s: ReturnType<typeof service>) => s.deploy?.replicas, 3],
    ["booleans as text", "privileged: 'true'", (s: ReturnType<typeof service>) => s.privileged, true],
    ["YAML 1.1 booleans", "init: yes", (s: ReturnType<typeof service>) => s.init, true],
    ["off as a boolean", "tty: 'off'", (s: ReturnType<typeof service>) => s.tty, false],
    ["fractional cpus as text", "cpus: '0.5'", (s: ReturnType<typeof service>) => s.cpus, 0.5],
    ["sizes with units", "mem_limit: 1.5GB", (s: ReturnType<typeof service>) => s.mem_limit, 1.5 * 1024 ** 3],
    ["sizes in bytes", "shm_size: 1024", (s: ReturnType<typeof service>) => s.shm_size, 1024],
    ["lower-case size units", "mem_reservation: 512m", (s: ReturnType<typeof service>) => s.mem_reservation, 512 * 1024 ** 2],
    ["compound durations", "stop_grace_period: 1m30s", (s: ReturnType<typeof service>) => s.stop_grace_period, 90_000],
    ["millisecond durations", "healthcheck: {interval: 500ms}", (s: ReturnType<typeof service>) => s.healthcheck?.interval, 500],
    ["microsecond durations", "deploy: {restart_policy: {delay: 2us}}", (s: ReturnType<typeof service>) => s.deploy?.restart_policy?.delay, 0.002],
    ["octal file modes", "secrets: [{source: s, mode: 0440}]", (s: ReturnType<typeof service>) => s.secrets?.[0]?.mode, 0o440],
    ["ulimits as text", "ulimits: {nofile: '1024'}", (s: ReturnType<typeof service>) => s.ulimits?.nofile, { soft: 1024, hard: 1024 }],
    ["every_<duration> pull policies", "pull_policy: every_2d", (s: ReturnType<typeof service>) => s.pull_policy, "every_2d"],
    ["on-failure with a count", "restart: on-failure:3", (s: ReturnType<typeof service>) => s.restart, { policy: "on-failure", maxRetries: 3 }],
    ["numbers as the user", "user: 1000", (s: ReturnType<typeof service>) => s.user, "1000"],
  ])("accepts %s", (_case, yaml, pick, expected) => {
    expect(pick(service(`image: a\n${yaml}`))).toEqual(expected);
  });

  it("warns that version is obsolete", () => {
    const result = validateStackFile(tree("version: '3.8'\nservices:\n  web: {image: a}\n"));
    expect(result.ok && result.warnings).toEqual(["`version` is obsolete: tsd ignores it; remove it to avoid confusion"]);
  });

  it("accepts include and extends, which the loader has already resolved", () => {
    expect(problems("include: [other.yml]\nservices:\n  web:\n    image: a\n    extends: {service: base, file: b.yml}\n")).toEqual([]);
  });
});
