/**
 * `tsd save` writes every image a stack needs into one archive, and
 * `tsd load` on another engine makes the stack runnable there with no
 * registry and no build: a stack moves to a machine without a registry.
 * The other engine is a private dockerd that starts EMPTY (no image at all).
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerRaw } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { copyFixture, type Fixture } from "../support/fixture.js";
import { type SecondEngine, startSecondEngine } from "../support/second-engine.js";

let fixture: Fixture;
let second: SecondEngine | undefined;
let images: string[];

beforeAll(async () => {
  fixture = copyFixture("verbs-save");
  images = [`${fixture.projectName}-web`, `${fixture.projectName}-worker`];
  const build = await fixture.run(["build", "-q", "-f", "stack.yml"], { timeoutMs: 120_000 });
  expect(build.status, build.stderr).toBe(0);
});

afterAll(async () => {
  await second?.stop();
  await fixture?.cleanup();
  await dockerRaw(["image", "rm", "--force", ...(images ?? [])]);
});

describe("tsd save and tsd load", () => {
  it("must move a stack with 2 built images to an empty engine, where up runs it with no registry and no build", async () => {
    const archive = join(fixture.dir, "stack-images.tar");
    const save = await fixture.run(["save", "-f", "stack.yml", "-o", archive]);
    expect(save.status, save.stderr).toBe(0);
    expect(save.stderr).toContain(`Saved ${images.map((image) => image).join(", ")}`);
    expect(statSync(archive).size).toBeGreaterThan(0);

    second = await startSecondEngine({ images: [] });
    expect((await second.docker(["image", "ls", "--all", "--quiet"])).trim()).toBe("");
    const env = { DOCKER_HOST: second.socketHost };
    const load = await fixture.run(["load", "-i", archive], { env });
    expect(load.status, load.stderr).toBe(0);
    for (const image of images) expect(load.stdout).toContain(`Loaded image: ${image}:latest`);

    const up = await fixture.run(["up", "-d", "--no-build", "-f", "stack.yml"], { env, timeoutMs: 120_000 });
    expect(up.status, up.stderr).toBe(0);
    const containers = await second.projectContainers(fixture.projectName);
    expect(containers.map((container) => [container.Config.Labels["dev.tsd.service"], container.State.Running])).toEqual([
      ["web", true],
      ["worker", true],
    ]);
    // Each runs the file its own build wrote: the images are the ones built here.
    await eventually(async () => {
      const logs = await fixture.run(["logs", "--no-log-prefix", "--file", "stack.yml", "worker"], { env });
      expect(logs.stdout.trim(), logs.stderr).toBe("worker");
    }, 20_000, 500);
    const down = await fixture.run(["down", "-f", "stack.yml"], { env });
    expect(down.status, down.stderr).toBe(0);
  });

  it("must refuse to save an image that is not present, writing nothing", async () => {
    const removed = await dockerRaw(["image", "rm", images[1] ?? ""]);
    expect(removed.status, removed.stderr).toBe(0);
    const missing = await fixture.run(["save", "-f", "stack.yml", "-o", join(fixture.dir, "none.tar")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`image ${images[1]} of worker is not present`);
    expect(existsSync(join(fixture.dir, "none.tar"))).toBe(false);
  });
});
