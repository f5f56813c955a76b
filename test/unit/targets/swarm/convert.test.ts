/**
 * The conversion of a stack into Swarm service specs, pinned against what
 * docker/cli's cli/compose/convert sends for the same Compose file, and
 * where tsd differs on purpose (restart: "no").
 */
import { afterEach, describe, expect, it } from "vitest";
import { loadProject } from "../../../../src/project/project.js";
import { restartWritten } from "../../../../src/targets/swarm/check.js";
import { contentName, desiredFileObject } from "../../../../src/targets/swarm/convert/file-objects.js";
import { desiredService } from "../../../../src/targets/swarm/convert/service-spec.js";
import { readContents } from "../../../../src/targets/swarm/observe.js";
import { type TempProject, tempProject } from "../../support/temp-project.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function convert(yaml: string, files: Record<string, string> = {}) {
  project = tempProject({ "stack.yml": yaml, ...files });
  const loaded = loadProject({ cwd: project.dir, files: ["stack.yml"], environment: { TOKEN: "from-env" } });
  const stack = loaded.stack;
  const contents = readContents(stack, { TOKEN: "from-env" });
  const fileNames = new Map(contents.map((content) => {
    const object = desiredFileObject(stack, content, "test");
    return [`${object.section}/${object.key}`, object.name] as const;
  }));
  const written = new Set(Object.keys(stack.services).filter((key) => restartWritten(loaded.locate, key)));
  return { stack, contents, spec: (key: string) => desiredService(stack, key, { version: "test", fileNames, restartWritten: written }).spec };
}

describe("swarm conversion", () => {
  it("maps restart: like docker/cli, except that \"no\" becomes condition none instead of Swarm's always", () => {
    const { spec } = convert(
      "name: demo\nservices:\n  no: {image: x, restart: \"no\"}\n  always: {image: x, restart: always}\n  failing: {image: x, restart: \"on-failure:3\"}\n  unset: {image: x}\n  written: {image: x, restart: always, deploy: {restart_policy: {condition: on-failure, delay: 2s}}}\n",
    );
    expect(spec("no").TaskTemplate.RestartPolicy).toEqual({ Condition: "none" });
    expect(spec("always").TaskTemplate.RestartPolicy).toEqual({ Condition: "any" });
    expect(spec("failing").TaskTemplate.RestartPolicy).toEqual({ Condition: "on-failure", MaxAttempts: 3 });
    expect(spec("unset").TaskTemplate.RestartPolicy).toBeUndefined();
    expect(spec("written").TaskTemplate.RestartPolicy).toEqual({ Condition: "on-failure", Delay: 2_000_000_000 });
  });

  it("converts the container as docker/cli does: entrypoint → Command, command → Args, sorted K=V env, ns durations, labels with the stack namespace", () => {
    const { spec } = convert(
      [
        "name: demo",
        "services:",
        "  web:",
        "    image: tsd-test/busybox:1",
        "    entrypoint: [sh, -c]",
        "    command: [\"echo hi\"]",
        "    environment: {B: \"2\", A: \"1\"}",
        "    labels: {team: core}",
        "    init: true",
        "    read_only: true",
        "    cap_add: [NET_ADMIN]",
        "    cap_drop: [ALL]",
        "    ulimits: {nofile: {soft: 100, hard: 200}}",
        "    sysctls: {net.core.somaxconn: \"1024\"}",
        "    stop_grace_period: 3s",
        "    healthcheck: {test: [CMD, \"true\"], interval: 2s, timeout: 1s, retries: 4, start_period: 5s}",
        "    logging: {driver: json-file, options: {max-size: 1m}}",
        "    deploy: {labels: {tier: front}}",
        "",
      ].join("\n"),
    );
    const web = spec("web");
    const container = web.TaskTemplate.ContainerSpec;
    expect(web.Name).toBe("demo_web");
    expect(container.Command).toEqual(["sh", "-c"]);
    expect(container.Args).toEqual(["echo hi"]);
    expect(container.Env).toEqual(["A=1", "B=2"]);
    expect(container.Labels).toMatchObject({ team: "core", "com.docker.stack.namespace": "demo", "dev.tsd.project": "demo", "dev.tsd.service": "web" });
    expect(web.Labels).toMatchObject({ tier: "front", "com.docker.stack.namespace": "demo", "com.docker.stack.image": "tsd-test/busybox:1" });
    expect(web.Labels["dev.tsd.config-hash"]).toMatch(/^[0-9a-f]{64}$/);
    expect(container).toMatchObject({ Init: true, ReadOnly: true, CapabilityAdd: ["NET_ADMIN"], CapabilityDrop: ["ALL"], StopGracePeriod: 3_000_000_000, Sysctls: { "net.core.somaxconn": "1024" } });
    expect(container.Ulimits).toEqual([{ Name: "nofile", Soft: 100, Hard: 200 }]);
    expect(container.HealthCheck).toEqual({ Test: ["CMD", "true"], Interval: 2e9, Timeout: 1e9, Retries: 4, StartPeriod: 5e9 });
    expect(web.TaskTemplate.LogDriver).toEqual({ Name: "json-file", Options: { "max-size": "1m" } });
    expect(web.TaskTemplate.Networks).toEqual([{ Target: "demo_default", Aliases: ["web"] }]);
  });

  it("converts scheduling: replicas, jobs, global, placement, resources, update and rollback config, host and ingress ports", () => {
    const { spec } = convert(
      [
        "name: demo",
        "services:",
        "  web:",
        "    image: x",
        "    deploy:",
        "      replicas: 3",
        "      endpoint_mode: dnsrr",
        "      placement: {constraints: [node.role==worker], preferences: [{spread: node.labels.zone}], max_replicas_per_node: 2}",
        "      resources: {limits: {cpus: '0.5', memory: 64M, pids: 100}, reservations: {cpus: '0.25', memory: 32M}}",
        "      update_config: {delay: 1s, failure_action: rollback, order: start-first}",
        "      rollback_config: {parallelism: 0}",
        "  job: {image: x, deploy: {mode: replicated-job, replicas: 2}}",
        "  edge: {image: x, ports: [{target: 80, published: 8080, mode: host}, {target: 443, published: 443}]}",
        "  agent: {image: x, deploy: {mode: global}}",
        "",
      ].join("\n"),
    );
    const web = spec("web");
    expect(web.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(web.EndpointSpec).toEqual({ Mode: "dnsrr" });
    expect(spec("edge").EndpointSpec).toEqual({
      Mode: "vip",
      Ports: [
        { Protocol: "tcp", TargetPort: 443, PublishedPort: 443, PublishMode: "ingress" },
        { Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "host" },
      ],
    });
    expect(web.TaskTemplate.Placement).toEqual({ Constraints: ["node.role==worker"], Preferences: [{ Spread: { SpreadDescriptor: "node.labels.zone" } }], MaxReplicas: 2 });
    expect(web.TaskTemplate.Resources).toEqual({ Limits: { NanoCPUs: 5e8, MemoryBytes: 64 * 1024 * 1024, Pids: 100 }, Reservations: { NanoCPUs: 2.5e8, MemoryBytes: 32 * 1024 * 1024 } });
    expect(web.UpdateConfig).toEqual({ Parallelism: 1, Delay: 1e9, FailureAction: "rollback", Order: "start-first" });
    expect(web.RollbackConfig).toEqual({ Parallelism: 0 });
    expect(spec("job").Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 2, TotalCompletions: 2 } });
    expect(spec("agent").Mode).toEqual({ Global: {} });
  });

  it("names secrets and configs by content hash and grants them with docker/cli's defaults (uid 0, gid 0, mode 0444)", () => {
    const { spec, stack, contents } = convert(
      "name: demo\nservices:\n  web: {image: x, secrets: [token, {source: env, target: other, mode: 0400}], configs: [motd]}\nsecrets:\n  token: {file: ./token.txt}\n  env: {environment: TOKEN}\nconfigs:\n  motd: {content: hello}\n",
      { "token.txt": "s3cret" },
    );
    const token = desiredFileObject(stack, contents.find((content) => content.key === "token") as (typeof contents)[number], "test");
    expect(token.name).toMatch(/^demo_token_[0-9a-f]{8}$/);
    expect(Buffer.from(token.spec?.Data ?? "", "base64").toString()).toBe("s3cret");
    expect(token.spec?.Labels).toMatchObject({ "com.docker.stack.namespace": "demo", "dev.tsd.resource": "token" });
    const container = spec("web").TaskTemplate.ContainerSpec;
    expect(container.Secrets).toEqual([
      { File: { Name: "other", UID: "0", GID: "0", Mode: 0o400 }, SecretID: "", SecretName: expect.stringMatching(/^demo_env_[0-9a-f]{8}$/) },
      { File: { Name: "token", UID: "0", GID: "0", Mode: 0o444 }, SecretID: "", SecretName: token.name },
    ]);
    expect(container.Configs).toEqual([{ File: { Name: "/motd", UID: "0", GID: "0", Mode: 0o444 }, ConfigID: "", ConfigName: expect.stringMatching(/^demo_motd_[0-9a-f]{8}$/) }]);
    expect(contentName(stack, "k".repeat(80), "0123456789abcdef")).toHaveLength(64);
  });
});
