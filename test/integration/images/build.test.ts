/**
 * `tsd build` against the real engine: the image is tagged as `up` tags it,
 * carries the stack's build arg (or the --build-arg override), leaves
 * .dockerignore'd files out, builds dependencies first; a failing step
 * names its service and the step; an unknown service touches nothing.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { docker, dockerRaw } from "../support/docker.js";
import { type Fixture, useFixture } from "../support/fixture.js";

/** Runs `command` in a throw-away container of `image` (never pulled) and returns its stdout. */
async function runInImage(image: string, command: string): Promise<string> {
  return docker(["run", "--rm", "--pull", "never", image, "sh", "-c", command]);
}

/** Removes the images the fixture's project built, when the test ends. */
function removeImagesAfterwards(fixture: Fixture, services: readonly string[]): void {
  onTestFinished(async () => {
    await dockerRaw(["image", "rm", "--force", ...services.map((service) => `${fixture.projectName}-${service}`)]);
  });
}

describe("tsd build", () => {
  it("must build services with a build section, dependencies first, with the stack's args and without ignored files", async () => {
    const fixture = useFixture("images-build");
    removeImagesAfterwards(fixture, ["web", "worker"]);
    const image = `${fixture.projectName}-web`;

    const build = await fixture.run(["build", "-f", "stack.yml"]);
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toBe("");
    // worker depends on web: web's image first; base has no build section and is not named, so no note.
    const built = build.stderr.split("\n").filter((line) => line.startsWith("✔"));
    expect(built).toEqual([`✔ web: built ${image}`, `✔ worker: built ${fixture.projectName}-worker`]);
    expect(build.stderr).not.toContain("base");
    expect(build.stderr).toContain("[web] Step 1/");

    expect(await runInImage(image, "cat /flavour")).toBe("from-stack\n");
    const files = (await runInImage(image, "ls -a /ctx")).split("\n").filter((name) => name !== "" && name !== "." && name !== "..");
    expect(files.sort()).toEqual([".dockerignore", "Dockerfile", "kept.txt"]);
    expect(await runInImage(`${fixture.projectName}-worker`, "cat /role")).toBe("worker\n");
  });

  it("--build-arg must override the stack's value; -q must print nothing; a named image-only service must be noted", async () => {
    const fixture = useFixture("images-build");
    removeImagesAfterwards(fixture, ["web"]);
    const quiet = await fixture.run(["build", "-f", "stack.yml", "-q", "--build-arg", "FLAVOUR=from-flag", "web"]);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe("");
    expect(await runInImage(`${fixture.projectName}-web`, "cat /flavour")).toBe("from-flag\n");

    const base = await fixture.run(["build", "-f", "stack.yml", "base"]);
    expect(base.status, base.stderr).toBe(0);
    expect(base.stderr).toBe("- base: skipped, no build section (it runs tsd-test/busybox:1)\n");
  });

  it("a failing step must exit 1 naming the service, the step and the builder's message, without a stack trace", async () => {
    const fixture = useFixture("images-build-fail");
    removeImagesAfterwards(fixture, ["broken"]);
    const build = await fixture.run(["build", "-f", "stack.yml"]);
    expect(build.status).toBe(1);
    const error = build.stderr.split("\n").find((line) => line.startsWith("tsd: "));
    expect(error).toBe(
      `tsd: service broken: build image "${fixture.projectName}-broken" failed at "Step 3/4 : RUN exit 3": The command '/bin/sh -c exit 3' returned a non-zero code: 3`,
    );
    expect(build.stderr).toContain("[broken] Step 3/4 : RUN exit 3\n");
    expect(build.stderr).not.toMatch(/^\s+at /m);
  });

  it("an unknown service must fail with the list of services and build nothing", async () => {
    const fixture = useFixture("images-build");
    removeImagesAfterwards(fixture, ["web"]);
    const build = await fixture.run(["build", "-f", "stack.yml", "web", "nosuch"]);
    expect(build.status).toBe(1);
    expect(build.stderr).toBe("tsd: no such service: nosuch (services: base, web, worker)\n");
    expect((await docker(["image", "ls", "--quiet", `${fixture.projectName}-web`])).trim()).toBe("");
  });
});
