/**
 * `tsd run`'s container: the service's spec made a one-off, with Compose's
 * defaults (no published ports, no service aliases, no restart) and the
 * command line's overrides; and the planner treating one-offs as not its
 * business (`up`) but the project's (`down`).
 */
import { afterEach, describe, expect, it } from "vitest";
import { COMPOSE_LABEL_ONEOFF, LABEL_CONFIG_HASH, LABEL_KIND, LABEL_REPLICA, LABEL_SERVICE } from "../../../../../src/base/labels.js";
import { type RunOverrides, runContainerSpec } from "../../../../../src/targets/docker/verbs/run-spec.js";
import { loadProject, type Project } from "../../../../../src/project/project.js";
import { executePlan } from "../../../support/execute-plan.js";
import { observe } from "../../../../../src/targets/docker/observe.js";
import { formatPlan } from "../../../../../src/plan/format.js";
import { planDown } from "../../../../../src/targets/docker/planner/plan-down.js";
import { planUp } from "../../../../../src/targets/docker/planner/plan-up.js";
import { defaultUpOptions, type UpPlanOptions } from "../../../../../src/targets/target.js";
import { MemoryEngine } from "../../../support/memory-engine.js";
import { type TempProject, tempProject } from "../../../support/temp-project.js";

let project: TempProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

function load(yaml: string): Project {
  project ??= tempProject({});
  project.write("stack.yml", yaml);
  return loadProject({ cwd: project.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
}

const STACK = `
services:
  db:
    image: tsd-test/busybox:1
    volumes: [data:/data]
  web:
    image: tsd-test/busybox:1
    command: [httpd, -f]
    environment: {MODE: serve, KEEP: kept}
    ports: ["127.0.0.1:8080:80"]
    expose: ["9000"]
    restart: always
    volumes: [data:/data, /cache]
    networks:
      default:
        aliases: [www]
        ipv4_address: 172.30.0.10
    depends_on: [db]
networks:
  default:
    ipam: {config: [{subnet: 172.30.0.0/24}]}
volumes:
  data: {}
`;

const PLAIN: RunOverrides = { command: [], env: [], volumes: [], publish: [], servicePorts: false, useAliases: false, tty: false, interactive: true, autoRemove: false };
const CONTEXT = { cwd: "/work", environment: { FROM_SHELL: "shell value", HOME: "/home/me" }, runId: "0123456789ab", version: "test" };

describe("runContainerSpec", () => {
  it("must make the service's container a one-off: Compose's name and labels, no replica, no config hash, never restarted", () => {
    const spec = runContainerSpec(load(STACK).stack, "web", PLAIN, CONTEXT);
    expect(spec.name).toBe("demo-web-run-0123456789ab");
    expect(spec.labels[LABEL_KIND]).toBe("one-off");
    expect(spec.labels[LABEL_SERVICE]).toBe("web");
    expect(spec.labels[COMPOSE_LABEL_ONEOFF]).toBe("True");
    expect(spec.labels[LABEL_REPLICA]).toBeUndefined();
    expect(spec.labels[LABEL_CONFIG_HASH]).toBeUndefined();
    expect(spec.host.restartPolicy).toEqual({ name: "no", maximumRetryCount: 0 });
    expect(spec.cmd).toEqual(["httpd", "-f"]);
    expect(spec.openStdin && spec.stdinOnce).toBe(true);
  });

  it("must keep the service's image, volumes and environment, but publish no port and take no alias or fixed address", () => {
    const spec = runContainerSpec(load(STACK).stack, "web", PLAIN, CONTEXT);
    expect(spec.image).toBe("tsd-test/busybox:1");
    expect(spec.env).toEqual(["MODE=serve", "KEEP=kept"]);
    expect(spec.host.mounts.map((mount) => `${mount.type}:${mount.target}`)).toEqual(["volume:/data", "volume:/cache"]);
    expect(spec.host.portBindings).toEqual({});
    expect([...spec.exposedPorts].sort()).toEqual(["9000/tcp"]);
    expect(spec.networks).toEqual([expect.objectContaining({ network: "demo_default", aliases: [] })]);
    expect(spec.networks[0]?.ipv4Address).toBeUndefined();
  });

  it("must publish the service's ports only with --service-ports, and -p ports always", () => {
    const stack = load(STACK).stack;
    expect(runContainerSpec(stack, "web", { ...PLAIN, servicePorts: true }, CONTEXT).host.portBindings).toEqual({ "80/tcp": [{ hostIp: "127.0.0.1", hostPort: "8080" }] });
    expect(runContainerSpec(stack, "web", { ...PLAIN, publish: ["127.0.0.1:5000:5001/udp"] }, CONTEXT).host.portBindings).toEqual({ "5001/udp": [{ hostIp: "127.0.0.1", hostPort: "5000" }] });
  });

  it("must keep the service's aliases with --use-aliases", () => {
    expect(runContainerSpec(load(STACK).stack, "web", { ...PLAIN, useAliases: true }, CONTEXT).networks[0]?.aliases).toEqual(["web", "www"]);
  });

  it("must apply the command line: command, entrypoint split like a shell, -e (KEY alone from tsd's environment), user, workdir, name", () => {
    const spec = runContainerSpec(
      load(STACK).stack,
      "web",
      { ...PLAIN, command: ["sh", "-c", "env"], entrypoint: `/bin/sh -c "echo hi"`, env: ["MODE=debug", "FROM_SHELL", "NOT_SET", "NEW=1"], user: "nobody", workingDir: "/tmp", name: "custom" },
      CONTEXT,
    );
    expect(spec.cmd).toEqual(["sh", "-c", "env"]);
    expect(spec.entrypoint).toEqual(["/bin/sh", "-c", "echo hi"]);
    expect(spec.env).toEqual(["MODE=debug", "KEEP=kept", "FROM_SHELL=shell value", "NEW=1"]);
    expect([spec.user, spec.workingDir, spec.name]).toEqual(["nobody", "/tmp", "custom"]);
  });

  it("must add -v mounts, replacing a service mount at the same target, with relative host paths from the current directory", () => {
    const spec = runContainerSpec(load(STACK).stack, "web", { ...PLAIN, volumes: ["./src:/cache:ro", "data:/more", "/logs"] }, CONTEXT);
    expect(spec.host.mounts).toEqual([
      expect.objectContaining({ type: "volume", source: "demo_data", target: "/data" }),
      expect.objectContaining({ type: "bind", source: "/work/src", target: "/cache", readOnly: true }),
      expect.objectContaining({ type: "volume", source: "demo_data", target: "/more" }),
      expect.objectContaining({ type: "volume", target: "/logs" }),
    ]);
  });

  it("must refuse malformed overrides by naming the flag", () => {
    const stack = load(STACK).stack;
    expect(() => runContainerSpec(stack, "web", { ...PLAIN, publish: ["http"] }, CONTEXT)).toThrow(/^-p http: /);
    expect(() => runContainerSpec(stack, "web", { ...PLAIN, volumes: ["a:b:c:d"] }, CONTEXT)).toThrow(/^-v a:b:c:d: /);
    expect(() => runContainerSpec(stack, "web", { ...PLAIN, env: ["=x"] }, CONTEXT)).toThrow("-e =x: expected KEY=VALUE or KEY");
    expect(() => runContainerSpec(stack, "web", { ...PLAIN, entrypoint: `sh -c "open` }, CONTEXT)).toThrow(/^--entrypoint /);
  });
});

describe("one-off containers and the planner", () => {
  const upOptions: UpPlanOptions = defaultUpOptions("test");

  async function withOneOff(): Promise<{ engine: MemoryEngine; loaded: Project }> {
    const engine = new MemoryEngine(["tsd-test/busybox:1"]);
    const loaded = load(STACK);
    await executePlan(engine, planUp(loaded.stack, loaded.graph, await observe(engine, loaded.stack), upOptions), { parallelism: 4, waitTimeoutMs: 1000 });
    await engine.createContainer(runContainerSpec(loaded.stack, "web", PLAIN, CONTEXT));
    return { engine, loaded };
  }

  it("up must neither touch a one-off nor call it an orphan, even once its service left the stack", async () => {
    const { engine, loaded } = await withOneOff();
    expect(formatPlan(planUp(loaded.stack, loaded.graph, await observe(engine, loaded.stack), upOptions))).toBe("nothing to do");
    const withoutWeb = load("services:\n  db:\n    image: tsd-test/busybox:1\n    volumes: [data:/data]\nvolumes:\n  data: {}\n");
    const planned = formatPlan(planUp(withoutWeb.stack, withoutWeb.graph, await observe(engine, withoutWeb.stack), { ...upOptions, removeOrphans: true }));
    expect(planned).toContain("demo-web-1");
    expect(planned).not.toContain("run-");
  });

  it("down must remove a one-off with the service's containers", async () => {
    const { engine, loaded } = await withOneOff();
    const planned = formatPlan(planDown(loaded.stack, loaded.graph, await observe(engine, loaded.stack), { volumes: false, removeOrphans: false }));
    expect(planned).toContain("  - remove container demo-web-run-0123456789ab  (down)\n");
  });
});
