/**
 * develop.watch against the real engine: startDevelopWatch runs in-process
 * on a stack brought up by the CLI; files are edited on the host and read
 * back inside the containers with `docker exec`.
 */
import { appendFileSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDockerEngine } from "../../../src/docker-api/dockerode/connect.js";
import { loadProject, type Project } from "../../../src/project/project.js";
import { watchLines } from "../../../src/cli/render/watch-lines.js";
import { startSupervisor } from "../../../src/targets/docker/supervision/supervisor.js";
import { type DevelopWatch, startDevelopWatch } from "../../../src/targets/docker/develop/index.js";
import { execInContainer, inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { copyFixture, type Fixture } from "../support/fixture.js";

const STACK = ["-f", "stack.yml"] as const;
const engine = connectDockerEngine();
const abort = new AbortController();
const lines: string[] = [];
const rebuilds: string[] = [];
let releaseRebuild: () => void = () => {};
let fixture: Fixture;
let project: Project;
let watch: DevelopWatch;

const container = (service: string) => `${fixture.projectName}-${service}-1`;
const cat = async (service: string, path: string) => (await execInContainer(container(service), ["cat", path])).stdout;
const exists = async (service: string, path: string) => (await execInContainer(container(service), ["test", "-e", path])).status === 0;
const linesMatching = (pattern: RegExp) => lines.filter((line) => pattern.test(line));

beforeAll(async () => {
  fixture = copyFixture("develop-sync");
  const up = await fixture.run(["up", "-d", ...STACK]);
  expect(up.status, up.stderr).toBe(0);
  project = loadProject({ cwd: fixture.dir, files: ["stack.yml"], environment: { ...process.env, ...fixture.env } });
  watch = await startDevelopWatch(engine, project, {
    signal: abort.signal,
    explain: true,
    // The lines tsd watch prints for each decision.
    report: (decision) => lines.push(...watchLines({ type: "watch", ...decision, at: Date.now() }, { explain: true, cwd: fixture.dir })),
    rebuild: async (service) => {
      rebuilds.push(service);
      // The first rebuild is held until the test lets it go, so more saves pile up behind it.
      if (rebuilds.length === 1) await new Promise<void>((resolve) => (releaseRebuild = resolve));
    },
  });
});

afterAll(async () => {
  abort.abort();
  await watch?.close();
  await fixture?.run(["down", "-v", ...STACK]);
  await fixture?.cleanup();
});

describe("develop.watch sync", () => {
  it("must copy an edited file into the container, delete a removed one, and leave ignored files out", async () => {
    writeFileSync(fixture.path("src/a.txt"), "edited\n");
    writeFileSync(fixture.path("src/new.txt"), "new\n");
    await eventually(async () => expect(await cat("web", "/app/src/a.txt")).toBe("edited\n"));
    expect(await cat("web", "/app/src/new.txt")).toBe("new\n");

    writeFileSync(fixture.path("src/scratch.tmp"), "scratch\n");
    writeFileSync(fixture.path("src/after.txt"), "after\n");
    await eventually(async () => expect(await cat("web", "/app/src/after.txt")).toBe("after\n"));
    expect(await exists("web", "/app/src/scratch.tmp")).toBe(false);
    expect(linesMatching(/^web: \.\/src\/scratch\.tmp dropped by ignore "\*\.tmp"$/)).toHaveLength(1);
    expect(linesMatching(/^web: \.\/src\/a\.txt matched sync \.\/src → \/app\/src$/).length).toBeGreaterThan(0);

    rmSync(fixture.path("src/new.txt"));
    await eventually(async () => expect(await exists("web", "/app/src/new.txt")).toBe(false));
    expect(await cat("web", "/app/src/a.txt")).toBe("edited\n");
  });

  it("must bring a container up to date with files changed while it was stopped, once it starts again", async () => {
    const supervisor = startSupervisor(engine, project, { signal: abort.signal, emit: () => undefined, cascadeTimeoutMs: 60_000, onContainerStarted: (service, id) => void watch.containerStarted(service, id) });
    expect((await fixture.run(["stop", ...STACK, "web"])).status).toBe(0);
    writeFileSync(fixture.path("src/a.txt"), "changed while stopped\n");
    rmSync(fixture.path("src/after.txt"));
    await eventually(() => expect(linesMatching(/^web: no running container/).length).toBeGreaterThan(0));

    expect((await fixture.run(["start", ...STACK, "web"])).status).toBe(0);
    // The supervisor reports the start from the engine's events; the watcher re-syncs what differs.
    await eventually(async () => expect(await cat("web", "/app/src/a.txt")).toBe("changed while stopped\n"));
    await eventually(async () => expect(await exists("web", "/app/src/after.txt")).toBe(false));
    expect(supervisor.status().length).toBeGreaterThan(0);
  });

  it("must restart the container after syncing for sync+restart", async () => {
    const before = (await inspectContainer(container("worker"))).State.StartedAt;
    writeFileSync(fixture.path("conf/worker.conf"), "level=2\n");
    await eventually(async () => expect((await inspectContainer(container("worker"))).State.StartedAt).not.toBe(before));
    await eventually(async () => expect(await cat("worker", "/etc/worker/worker.conf")).toBe("level=2\n"));
    expect(linesMatching(/^worker: restarted 1 container/)).toHaveLength(1);
  });

  it("must not feed itself when the sync writes back into the watched folder through a bind mount", async () => {
    writeFileSync(fixture.path("mirror/m.txt"), "mirrored\n");
    await eventually(() => expect(linesMatching(/^mirror: \.\/mirror\/m\.txt skipped: same content tsd synced \d+ ms ago \(self-trigger\)$/).length).toBeGreaterThan(0));
    await eventually(async () => expect(await cat("mirror", "/mirror/m.txt")).toBe("mirrored\n"));
    // One more save: exactly one more copy, however many events our own writes cause.
    const copiesBefore = linesMatching(/^mirror: copied/).length;
    appendFileSync(fixture.path("mirror/m.txt"), "again\n");
    await eventually(async () => expect(await cat("mirror", "/mirror/m.txt")).toBe("mirrored\nagain\n"));
    await eventually(() => expect(linesMatching(/self-trigger/).length).toBeGreaterThan(1));
    expect(linesMatching(/^mirror: copied/).length - copiesBefore).toBe(1);
  });

  it("must rebuild once for a burst of saves, and queue at most one more rebuild while one runs", async () => {
    for (let save = 0; save < 5; save++) writeFileSync(fixture.path("build-src/main.txt"), `v${save}\n`);
    await eventually(() => expect(rebuilds).toEqual(["builder"]));
    // Saves while the rebuild runs, each one settled on its own, merge into one queued rebuild.
    for (let save = 0; save < 3; save++) {
      const seen = linesMatching(/^builder: .*matched rebuild/).length;
      writeFileSync(fixture.path("build-src/main.txt"), `during ${save}\n`);
      await eventually(() => expect(linesMatching(/^builder: .*matched rebuild/).length).toBeGreaterThan(seen));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(rebuilds).toEqual(["builder"]);
    releaseRebuild();
    await eventually(() => expect(rebuilds).toEqual(["builder", "builder"]));
    await eventually(() => expect(linesMatching(/^builder: rebuilt and recreated/)).toHaveLength(2));
  });
});
