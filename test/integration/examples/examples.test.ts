/**
 * Every example in examples/ runs, as written, on the local busybox image:
 * a generated override points each service and data container at
 * tsd-test/busybox:1 (the examples name busybox:1.36, which no registry can
 * give this machine). Each example gets one check of the concept it shows.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { loadProject } from "../../../src/project/project.js";
import { execInContainer, inspectContainer, removeProjectResources } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { type TsdResult, runTsd } from "../support/tsd-cli.js";

const examplesRoot = resolve(import.meta.dirname, "../../../examples");
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

interface RunningExample {
  readonly project: string;
  readonly dir: string;
  run(args: readonly string[]): Promise<TsdResult>;
  container(service: string): string;
}

/** Copies examples/<name>, writes the image override beside it, and runs `tsd up -d` (plus `upArgs`). */
async function upExample(name: string, upArgs: readonly string[] = []): Promise<RunningExample> {
  const project = `tsd-it-example-${name}-${randomBytes(3).toString("hex")}`;
  const dir = mkdtempSync(join(tmpdir(), `${project}-`));
  cpSync(join(examplesRoot, name), dir, { recursive: true });
  const { stack } = loadProject({ cwd: dir, files: [join(dir, "stack.yml")], environment: {}, profiles: ["*"] });
  const images = (names: readonly string[]) => Object.fromEntries(names.map((service) => [service, { image: "tsd-test/busybox:1" }]));
  const override = { services: images(Object.keys(stack.services)), data_containers: images(Object.keys(stack.dataContainers)) };
  writeFileSync(join(dir, "local-images.yml"), JSON.stringify(override));
  const run = (args: readonly string[]) =>
    runTsd(["-f", "stack.yml", "-f", "local-images.yml", ...args], { cwd: dir, env: { TSD_PROJECT_NAME: project }, timeoutMs: 90_000 });
  cleanup = async () => {
    // Most examples run a plain `sleep` as PID 1, which ignores SIGTERM: no need to wait it out here.
    await run(["down", "-v", "-t", "1"]);
    await removeProjectResources(project);
    rmSync(dir, { recursive: true, force: true });
  };
  const up = await run(["up", "-d", "--progress", "plain", ...upArgs]);
  expect(up.status, up.stderr).toBe(0);
  return { project, dir, run, container: (service) => `${project}-${service}-1` };
}

const sh = async (container: string, script: string) => execInContainer(container, ["sh", "-c", script]);

describe("examples/ run as written", () => {
  it("ports: the published port answers on 127.0.0.1 and tsd port names it", async () => {
    const example = await upExample("ports");
    await eventually(async () => expect((await fetch("http://127.0.0.1:18081/")).status).toBe(404), 10_000);
    expect((await example.run(["port", "web", "8080"])).stdout.trim()).toBe("127.0.0.1:18081");
  });

  it("volumes: named, anonymous, read-only bind and tmpfs mounts are in place", async () => {
    const example = await upExample("volumes");
    const mounts = (await inspectContainer(example.container("app"))).Mounts;
    expect(mounts.map((mount) => `${mount.Type} ${mount.Destination} ${mount.RW ? "rw" : "ro"}`).sort()).toEqual([
      "bind /etc/app ro",
      "tmpfs /tmp/scratch rw",
      "volume /var/cache/app rw",
      "volume /var/lib/app rw",
    ]);
  });

  it("data-containers: the web server serves what wwwdata seeded, read-only", async () => {
    const example = await upExample("data-containers", ["--wait"]);
    const page = await eventually(async () => {
      const result = await sh(example.container("webserver"), "wget -q -O - http://127.0.0.1:8080/index.html");
      expect(result.status).toBe(0);
      return result.stdout;
    }, 10_000);
    expect(page).toContain("<h1>hello</h1>");
    expect((await sh(example.container("webserver"), "touch /var/lib/www/x")).status).not.toBe(0);
  });

  it("links: the app reaches the cache by its link alias (the cache echoes the app's ping)", async () => {
    const example = await upExample("links");
    await eventually(async () => expect((await example.run(["logs", "app"])).stdout).toMatch(/^app-1 +\| ping$/m), 15_000, 500);
  });

  it("networks: the proxy reaches the app by its alias but not the database; tools shares the app's network", async () => {
    const example = await upExample("networks");
    expect((await sh(example.container("proxy"), "nslookup api")).status).toBe(0);
    expect((await sh(example.container("proxy"), "nslookup db")).status).not.toBe(0);
    expect((await sh(example.container("tools"), "hostname -i")).stdout).toBe((await sh(example.container("app"), "hostname -i")).stdout);
  });

  it("health: up --wait returns once db is healthy and migrate completed", async () => {
    const example = await upExample("health", ["--wait"]);
    const ps = JSON.parse((await example.run(["ps", "-a", "--format", "json"])).stdout) as { service: string; status: string }[];
    expect(Object.fromEntries(ps.map((row) => [row.service, row.status]))).toEqual({ db: "healthy", migrate: "completed", app: "running" });
  });

  it("profiles: the debug service starts only with --profile debug", async () => {
    const example = await upExample("profiles");
    const services = async () => (JSON.parse((await example.run(["ps", "--format", "json"])).stdout) as { service: string }[]).map((row) => row.service).sort();
    expect(await services()).toEqual(["app"]);
    expect((await example.run(["--profile", "debug", "up", "-d"])).status).toBe(0);
    expect(await services()).toEqual(["app", "debugger"]);
  });

  it("restart: on-failure:3 gives up after three restarts; always keeps running", async () => {
    const example = await upExample("restart");
    await eventually(async () => {
      const flaky = await inspectContainer(example.container("flaky"));
      expect([flaky.RestartCount, flaky.State.Status, flaky.State.ExitCode]).toEqual([3, "exited", 3]);
    }, 30_000, 500);
    expect((await inspectContainer(example.container("always"))).State.Status).toBe("running");
  });

  it("secrets: the secret and the config are mounted read-only where the stack says", async () => {
    const example = await upExample("secrets");
    await eventually(async () => expect((await example.run(["logs", "app"])).stdout).toContain("secret readable"), 10_000);
    const mounts = (await inspectContainer(example.container("app"))).Mounts;
    expect(mounts.map((mount) => `${mount.Destination} ${mount.RW ? "rw" : "ro"}`).sort()).toEqual(["/etc/app.conf ro", "/run/secrets/db_password ro"]);
  });

  it("watch: the served folder is the one develop.watch syncs into", async () => {
    const example = await upExample("watch");
    expect((await example.run(["ps", "--format", "json"])).stdout).toContain('"service": "web"');
    await eventually(async () => expect((await fetch("http://127.0.0.1:18082/")).status).toBeLessThan(500), 10_000);
  });
});
