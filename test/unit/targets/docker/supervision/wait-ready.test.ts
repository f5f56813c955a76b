/**
 * `up --wait`'s verdicts over time, on an engine in memory and a clock the
 * test moves: a crash loop caught in the instant it is running between two
 * restarts must not pass for ready (CI once saw `up --wait` exit 0 so), while
 * a service the engine restarted once and that then stays up is ready once
 * its restart has held.
 */
import { afterEach, describe, expect, it } from "vitest";
import { LABEL_KIND, LABEL_PROJECT, LABEL_PROJECT_ID, LABEL_SERVICE } from "../../../../../src/base/labels.js";
import type { ObservedContainer } from "../../../../../src/docker-api/types.js";
import { type Project, loadProject } from "../../../../../src/project/project.js";
import type { Clock } from "../../../../../src/base/clock.js";
import { RESTART_HELD_MS, waitUntilReady } from "../../../../../src/targets/docker/supervision/wait-ready.js";
import { MemoryEngine } from "../../../support/memory-engine.js";
import { type TempProject, tempProject } from "../../../support/temp-project.js";

const STACK = `
services:
  web:
    image: web
    healthcheck: { test: ["CMD", "true"] }
  crash:
    image: crash
    restart: always
`;

const START = Date.parse("2026-11-23T12:00:00Z");

let folder: TempProject | undefined;
afterEach(() => folder?.cleanup());

function project(): Project {
  folder = tempProject({ "stack.yml": STACK });
  return loadProject({ cwd: folder.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
}

/** Puts a container of `service` into the engine, as the engine would report it. */
function place(engine: MemoryEngine, loaded: Project, service: string, state: Partial<ObservedContainer>): ObservedContainer {
  const container: ObservedContainer = {
    id: `id-${service}`,
    name: `demo-${service}-1`,
    image: service,
    imageId: "",
    labels: { [LABEL_PROJECT]: loaded.stack.name, [LABEL_PROJECT_ID]: loaded.stack.projectId, [LABEL_KIND]: "service", [LABEL_SERVICE]: service },
    state: "running",
    health: "none",
    exitCode: 0,
    restartCount: 0,
    startedAt: new Date(START - 60_000).toISOString(),
    mounts: [],
    networks: {},
    ports: {},
    ...state,
  };
  engine.containers.set(container.id, { ...container });
  return container;
}

/** A clock that jumps forward on every sleep, after which `tick` may change what the engine reports. */
function steppingClock(tick: (now: number) => void = () => {}): Clock & { readonly sleeps: number } {
  let now = START;
  let sleeps = 0;
  return {
    now: () => now,
    sleep: async (milliseconds) => {
      now += milliseconds;
      sleeps += 1;
      tick(now);
    },
    timer: () => {
      throw new Error("waitUntilReady sets no timers");
    },
    get sleeps() {
      return sleeps;
    },
  };
}

describe("waitUntilReady", () => {
  it("must fail naming a crash loop first seen running between two restarts, not take it for ready", async () => {
    const engine = new MemoryEngine();
    const loaded = project();
    place(engine, loaded, "web", { health: "healthy" });
    // Just restarted for the fifth time, up for 20 ms: the next poll finds it restarting again.
    place(engine, loaded, "crash", { restartCount: 5, startedAt: new Date(START - 20).toISOString() });
    const clock = steppingClock(() => Object.assign(engine.containers.get("id-crash") ?? {}, { state: "restarting", exitCode: 1 }));

    await expect(waitUntilReady(engine, loaded, { services: [], timeoutMs: 60_000 }, clock)).rejects.toThrow(
      "--wait: service crash (demo-crash-1) is crash-looping: restarted 5 times, last exit code 1",
    );
  });

  it("must take a service the engine restarted once as ready only once it has stayed up for the engine's backoff reset time", async () => {
    const engine = new MemoryEngine();
    const loaded = project();
    place(engine, loaded, "web", { health: "healthy" });
    const startedAt = START - 2_000;
    place(engine, loaded, "crash", { restartCount: 1, startedAt: new Date(startedAt).toISOString() });
    const clock = steppingClock();

    await waitUntilReady(engine, loaded, { services: [], timeoutMs: 60_000 }, clock);
    expect(clock.now()).toBeGreaterThanOrEqual(startedAt + RESTART_HELD_MS);
    expect(clock.now()).toBeLessThan(startedAt + RESTART_HELD_MS + 1_000);
  });

  it("must say what it still waits for when the wait times out on a restart that has not held yet", async () => {
    const engine = new MemoryEngine();
    const loaded = project();
    place(engine, loaded, "web", { health: "healthy" });
    place(engine, loaded, "crash", { restartCount: 2, startedAt: new Date(START).toISOString() });

    await expect(waitUntilReady(engine, loaded, { services: [], timeoutMs: 3_000 }, steppingClock())).rejects.toThrow(
      /^--wait: timed out after 3s: service crash \(demo-crash-1\) was restarted 2 times and has been up \ds; waiting for it to stay up 10s$/,
    );
  });

  it("must return at the first poll on a stack that is up and never restarted", async () => {
    const engine = new MemoryEngine();
    const loaded = project();
    place(engine, loaded, "web", { health: "healthy" });
    place(engine, loaded, "crash", {});
    const clock = steppingClock();

    await waitUntilReady(engine, loaded, { services: [], timeoutMs: 60_000 }, clock);
    expect(clock.sleeps).toBe(0);
    expect(engine.calls.filter((call) => call.startsWith("listContainers"))).toHaveLength(1);
  });
});
