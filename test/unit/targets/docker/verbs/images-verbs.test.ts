/**
 * build, pull and push against the in-memory engine: which services each
 * acts on and in what order, that `tsd build` sends the very request
 * `up --build` sends, how failures stop or do not stop the rest, and that an
 * image pinned by digest survives load, render and plan verbatim.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Engine } from "../../../../../src/docker-api/engine.js";
import type { BuildSpec, ProgressLine } from "../../../../../src/docker-api/types.js";
import { EngineError, UsageError } from "../../../../../src/base/errors.js";
import { buildServices, parseBuildArgs } from "../../../../../src/targets/docker/images/build.js";
import type { ImageReport as ImageVerbEvent } from "../../../../../src/events/stack-event.js";
import { pullServices } from "../../../../../src/targets/docker/images/pull.js";
import { pushServices } from "../../../../../src/targets/docker/images/push.js";
import type { DockerScope as StackSession } from "../../../../../src/targets/docker/verbs/containers.js";
import { loadProject, type Project } from "../../../../../src/project/project.js";
import { observe } from "../../../../../src/targets/docker/observe.js";
import { formatPlan } from "../../../../../src/plan/format.js";
import { planUp } from "../../../../../src/targets/docker/planner/plan-up.js";
import { serviceContainerSpec } from "../../../../../src/targets/docker/spec/service-spec.js";
import { renderStack } from "../../../../../src/stack/render.js";
import { MemoryEngine } from "../../../support/memory-engine.js";
import { type TempProject, tempProject } from "../../../support/temp-project.js";
import { defaultUpOptions } from "../../../../../src/targets/target.js";

let folder: TempProject | undefined;
afterEach(() => {
  folder?.cleanup();
  folder = undefined;
});

// app (build + image) ← api (build only) ← web (image only); tools: build + image + extra tag.
const STACK = `
services:
  web: {image: tsd-test/busybox:1, depends_on: [api]}
  api:
    build: {context: ./api, args: {MODE: stack, KEEP: kept}}
    depends_on: [app]
  app:
    build: ./app
    image: 127.0.0.1:5000/team/app:1
  tools:
    build: {context: ./app, tags: ["127.0.0.1:5000/team/tools:latest"]}
    image: 127.0.0.1:5000/team/tools:2
    pull_policy: build
`;

function load(yaml = STACK): Project {
  folder ??= tempProject({ "api/Dockerfile": "FROM x\n", "app/Dockerfile": "FROM x\n" });
  folder.write("stack.yml", yaml);
  return loadProject({ cwd: folder.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
}

/** A memory engine that keeps every build request whole. */
class RecordingEngine extends MemoryEngine {
  readonly builds: BuildSpec[] = [];
  override async buildImage(spec: BuildSpec, onProgress?: (line: ProgressLine) => void): Promise<void> {
    this.builds.push(spec);
    onProgress?.({ text: `Step 1/1 : FROM x` });
    return super.buildImage(spec);
  }
}

function session(engine: Engine, project = load()): StackSession {
  return { project, engine };
}

function recorder(): { events: ImageVerbEvent[]; onEvent: (event: ImageVerbEvent) => void } {
  const events: ImageVerbEvent[] = [];
  return { events, onEvent: (event) => events.push(event) };
}

const anonymous = async () => ({ configFile: "/nowhere/config.json" });

describe("tsd build", () => {
  it("must build every service with a build section, dependencies first, each as `up --build` would", async () => {
    const engine = new RecordingEngine();
    const project = load();
    const { events, onEvent } = recorder();
    await buildServices(session(engine, project), { services: [], noCache: false, pull: false, buildArgs: {}, onEvent });
    expect(events.filter((event) => event.phase === "done").map((event) => event.service)).toEqual(["app", "api", "tools"]);
    expect(events).toContainEqual({ phase: "progress", service: "api", text: "Step 1/1 : FROM x" });

    const upEngine = new RecordingEngine();
    const plan = planUp(project.stack, project.graph, await observe(upEngine, project.stack), defaultUpOptions("test", { build: "always" }));
    const upBuilds = plan.nodes.flatMap((node) => (node.operation.kind === "build-image" ? [node.operation.spec] : []));
    expect(engine.builds).toEqual(expect.arrayContaining(upBuilds));
    expect(engine.builds).toHaveLength(upBuilds.length);
  });

  it("must tag `<project>-<service>` without image:, the image: name (and build tags) with it", async () => {
    const engine = new RecordingEngine();
    await buildServices(session(engine), { services: [], noCache: false, pull: false, buildArgs: {}, onEvent: () => undefined });
    expect(engine.builds.map((spec) => spec.tags)).toEqual([["127.0.0.1:5000/team/app:1"], ["demo-api"], ["127.0.0.1:5000/team/tools:2", "127.0.0.1:5000/team/tools:latest"]]);
  });

  it("--build-arg must override the stack's args, --no-cache and --pull must reach the request", async () => {
    const engine = new RecordingEngine();
    const buildArgs = parseBuildArgs(["MODE=flag", "FROM_ENV", "UNSET"], { FROM_ENV: "env" });
    expect(buildArgs).toEqual({ MODE: "flag", FROM_ENV: "env" });
    await buildServices(session(engine), { services: ["api"], noCache: true, pull: true, buildArgs, onEvent: () => undefined });
    expect(engine.builds).toHaveLength(1);
    expect(engine.builds[0]).toMatchObject({ args: { MODE: "flag", KEEP: "kept", FROM_ENV: "env" }, noCache: true, pull: true });
  });

  it("a named service without a build section must be noted as skipped, not built", async () => {
    const engine = new RecordingEngine();
    const { events, onEvent } = recorder();
    await buildServices(session(engine), { services: ["web"], noCache: false, pull: false, buildArgs: {}, onEvent });
    expect(engine.builds).toEqual([]);
    expect(events).toEqual([{ phase: "skipped", service: "web", reason: "no build section (it runs tsd-test/busybox:1)", named: true }]);
  });

  it("a failing build must stop the rest and name its service", async () => {
    const engine = new RecordingEngine();
    engine.buildImage = async () => {
      throw new EngineError('build image "127.0.0.1:5000/team/app:1" failed at "Step 2/2 : RUN exit 3": returned a non-zero code: 3');
    };
    const failure = buildServices(session(engine), { services: [], noCache: false, pull: false, buildArgs: {}, onEvent: () => undefined });
    await expect(failure).rejects.toThrow(/^service app: build image .* failed at "Step 2\/2 : RUN exit 3"/);
  });
});

describe("tsd push", () => {
  it("must push services with build and image (and their build tags), not image-only or build-only ones", async () => {
    const engine = new MemoryEngine(["127.0.0.1:5000/team/app:1", "127.0.0.1:5000/team/tools:2", "127.0.0.1:5000/team/tools:latest"]);
    await pushServices(session(engine), { services: [], ignorePushFailures: false, credentials: anonymous, onEvent: () => undefined });
    expect(engine.pushed).toEqual(["127.0.0.1:5000/team/app:1", "127.0.0.1:5000/team/tools:2", "127.0.0.1:5000/team/tools:latest"]);
  });

  it("naming a service without image: must fail before any engine call", async () => {
    const engine = new MemoryEngine();
    const failure = pushServices(session(engine), { services: ["api", "app"], ignorePushFailures: false, credentials: anonymous, onEvent: () => undefined });
    await expect(failure).rejects.toThrow(UsageError);
    await expect(failure).rejects.toThrow("service api has no image: name to push its build under");
    expect(engine.calls).toEqual([]);
  });

  it("--ignore-push-failures must warn about a failed push and go on", async () => {
    const engine = new MemoryEngine(["127.0.0.1:5000/team/tools:2", "127.0.0.1:5000/team/tools:latest"]);
    const { events, onEvent } = recorder();
    await pushServices(session(engine), { services: [], ignorePushFailures: true, credentials: anonymous, onEvent });
    expect(events.find((event) => event.phase === "warning")).toMatchObject({ service: "app", message: expect.stringContaining("127.0.0.1:5000/team/app:1") });
    expect(engine.pushed).toEqual(["127.0.0.1:5000/team/tools:2", "127.0.0.1:5000/team/tools:latest"]);
  });
});

describe("tsd pull", () => {
  it("must pull image: services, skip build-only ones and pull_policy: build, and pass the registry's credentials", async () => {
    const engine = new MemoryEngine();
    const pulls: { reference: string; auth: unknown }[] = [];
    const asEngine: Engine = engine;
    asEngine.pullImage = async (reference, _onProgress, auth) => {
      pulls.push({ reference, auth });
    };
    const auth = { kind: "password" as const, serverAddress: "127.0.0.1:5000", username: "u", password: "p" };
    const { events, onEvent } = recorder();
    await pullServices(session(engine), {
      services: [], includeDeps: false, ignorePullFailures: false, onEvent,
      credentials: async (registry) => (registry === "127.0.0.1:5000" ? { configFile: "c", auth, source: "auths" } : { configFile: "c" }),
    });
    expect(pulls).toEqual([{ reference: "127.0.0.1:5000/team/app:1", auth }, { reference: "tsd-test/busybox:1", auth: undefined }]);
    expect(events.filter((event) => event.phase === "skipped").map((event) => event.service)).toEqual(["api", "tools"]);
  });

  it("a named service must pull only itself, with --include-deps also what it depends on", async () => {
    const engine = new MemoryEngine();
    const options = { services: ["web"], ignorePullFailures: false, credentials: anonymous, onEvent: () => undefined };
    await pullServices(session(engine), { ...options, includeDeps: false });
    expect(engine.writes()).toEqual(["pullImage tsd-test/busybox:1"]);
    engine.calls.length = 0;
    await pullServices(session(engine), { ...options, includeDeps: true });
    expect(engine.writes()).toEqual(["pullImage 127.0.0.1:5000/team/app:1", "pullImage tsd-test/busybox:1"]);
  });

  it("a failed pull of an image that cannot be built must stop the rest; --ignore-pull-failures must go on", async () => {
    const failing = (): MemoryEngine => {
      const engine = new MemoryEngine();
      const pull = engine.pullImage.bind(engine);
      engine.pullImage = async (reference) => {
        if (reference === "tsd-test/busybox:1") throw new EngineError(`pull image "${reference}": manifest unknown`);
        return pull(reference);
      };
      return engine;
    };
    const project = load(`services:\n  a: {image: tsd-test/busybox:1}\n  b: {image: other:1, depends_on: [a]}\n`);
    const stopped = failing();
    const options = { services: [], includeDeps: false, credentials: anonymous, onEvent: () => undefined };
    await expect(pullServices(session(stopped, project), { ...options, ignorePullFailures: false })).rejects.toThrow('service a: pull image "tsd-test/busybox:1": manifest unknown');
    expect(stopped.images.has("other:1")).toBe(false);

    const goingOn = failing();
    const { events, onEvent } = recorder();
    await pullServices(session(goingOn, project), { ...options, onEvent, ignorePullFailures: true });
    expect(events.filter((event) => event.phase === "warning").map((event) => event.service)).toEqual(["a"]);
    expect(goingOn.images.has("other:1")).toBe(true);
  });
});

describe("an image pinned by digest", () => {
  const pinned = "127.0.0.1:5000/team/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  const yaml = `services:\n  app: {image: "${pinned}"}\n`;

  it("must be kept verbatim by the loader, the renderer and the container spec", () => {
    const project = load(yaml);
    expect(project.stack.services.app?.image).toBe(pinned);
    expect(renderStack(project.stack).services.app?.image).toBe(pinned);
    expect(serviceContainerSpec(project.stack, "app", 1).image).toBe(pinned);
  });

  it("present locally, must be neither pulled by up nor by tsd pull", async () => {
    const project = load(yaml);
    const engine = new MemoryEngine([pinned]);
    const plan = planUp(project.stack, project.graph, await observe(engine, project.stack), defaultUpOptions("test"));
    expect(formatPlan(plan)).not.toContain("pull image");
    const { events, onEvent } = recorder();
    await pullServices(session(engine, project), { services: [], includeDeps: false, ignorePullFailures: false, credentials: anonymous, onEvent });
    expect(engine.writes()).toEqual([]);
    expect(events).toEqual([{ phase: "skipped", service: "app", reason: `${pinned} is pinned by digest and already present`, named: false }]);
  });

  it("absent, must be pulled by its full reference", async () => {
    const engine = new MemoryEngine();
    await pullServices(session(engine, load(yaml)), { services: [], includeDeps: false, ignorePullFailures: false, credentials: anonymous, onEvent: () => undefined });
    expect(engine.writes()).toEqual([`pullImage ${pinned}`]);
  });
});
