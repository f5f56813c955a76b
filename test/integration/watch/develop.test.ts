/**
 * `tsd watch` running the stack's `develop.watch` rules end to end: a saved
 * source file shows up in the container; a file changed while the container
 * was stopped is there once it runs again; a `rebuild` rule produces a new
 * image and a new container for that service only.
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execInContainer, inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { copyFixture, type Fixture } from "../support/fixture.js";
import { type RunningTsd, startTsd } from "../monitoring/running-tsd.js";

let fixture: Fixture;
let watch: RunningTsd | undefined;

beforeAll(async () => {
  fixture = copyFixture("watch-develop");
  const up = await fixture.run(["up", "-d", "--build", "-f", "stack.yml", "--progress", "plain"]);
  expect(up.status, up.stderr).toBe(0);
  watch = startTsd(fixture, ["watch", "--no-up", "-f", "stack.yml"]);
  await eventually(() => expect(watch?.stderr()).toContain("watching"), 20_000);
}, 90_000);

afterAll(async () => {
  await watch?.interrupt();
  await fixture.run(["down", "-v", "--rmi", "local", "-f", "stack.yml"]);
  await fixture.cleanup();
});

/** A file's content inside a container, or the error text when it cannot be read. */
async function readInContainer(container: string, path: string): Promise<string> {
  const result = await execInContainer(container, ["cat", path]);
  return result.status === 0 ? result.stdout : `unreadable: ${result.stderr}`;
}

describe("tsd watch: develop.watch rules", () => {
  it("must sync a saved file into the running container, and a file saved while it was stopped once it runs again", async () => {
    const app = `${fixture.projectName}-app-1`;
    writeFileSync(fixture.path("app/page.txt"), "two\n");
    await eventually(async () => expect(await readInContainer(app, "/srv/page.txt")).toBe("two\n"), 15_000);

    const stop = await fixture.run(["stop", "-f", "stack.yml", "app"]);
    expect(stop.status, stop.stderr).toBe(0);
    writeFileSync(fixture.path("app/while-stopped.txt"), "saved while stopped\n");
    const start = await fixture.run(["start", "-f", "stack.yml", "app"]);
    expect(start.status, start.stderr).toBe(0);
    await eventually(async () => expect(await readInContainer(app, "/srv/while-stopped.txt")).toBe("saved while stopped\n"), 15_000);
  }, 60_000);

  it("must rebuild the image and recreate only that service when a rebuild rule's file changes", async () => {
    const built = `${fixture.projectName}-built-1`;
    const app = `${fixture.projectName}-app-1`;
    const before = await inspectContainer(built);
    const appBefore = (await inspectContainer(app)).Id;
    writeFileSync(fixture.path("builder/version.txt"), "v2\n");
    await eventually(async () => expect(await readInContainer(built, "/version.txt")).toBe("v2\n"), 60_000);
    const after = await inspectContainer(built);
    expect(after.Id).not.toBe(before.Id);
    expect(after.Image).not.toBe(before.Image);
    expect(after.State.Status).toBe("running");
    expect((await inspectContainer(app)).Id).toBe(appBefore);
  }, 90_000);
});
