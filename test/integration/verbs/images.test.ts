/**
 * The stack's images in the image store: `tsd export` then `tsd import`
 * gives an image that runs; `tsd tag` names a service's image again;
 * `tsd rmi` removes the stack's images, refuses one a container uses
 * (naming it, removing nothing) unless -f.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, dockerRaw } from "../support/docker.js";
import { copyFixture, type Fixture } from "../support/fixture.js";

let fixture: Fixture;
let appImage: string;
const extraImages: string[] = [];

async function imageId(reference: string): Promise<string | undefined> {
  const result = await dockerRaw(["image", "inspect", "--format", "{{.Id}}", reference]);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

beforeAll(async () => {
  fixture = copyFixture("verbs-images");
  appImage = `${fixture.projectName}-app`;
  const up = await fixture.run(["up", "-d", "--build", "-f", "stack.yml"], { timeoutMs: 120_000 });
  expect(up.status, up.stderr).toBe(0);
});

afterAll(async () => {
  await fixture?.cleanup();
  await dockerRaw(["image", "rm", "--force", appImage, ...extraImages]);
});

describe("tsd export, then tsd import", () => {
  it("must give an image that runs, holding the container's files", async () => {
    const archive = join(fixture.dir, "app.tar");
    const exported = await fixture.run(["export", "-f", "stack.yml", "-o", archive, "app"]);
    expect(exported.status, exported.stderr).toBe(0);
    const imported = `${fixture.projectName}-imported:1`;
    extraImages.push(imported);
    const result = await fixture.run(["import", "-c", 'CMD ["cat", "/built-by"]', archive, imported]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await imageId(imported)).toBe(result.stdout.trim());
    expect((await docker(["run", "--rm", imported])).trim()).toBe("built-for-app");
  });
});

describe("tsd tag", () => {
  it("must give the service's image a second name for the same image", async () => {
    const target = `${fixture.projectName}-tagged:v2`;
    extraImages.push(target);
    const result = await fixture.run(["tag", "-f", "stack.yml", "app", target]);
    expect(result.status, result.stderr).toBe(0);
    expect(await imageId(target)).toBe(await imageId(appImage));
  });
});

describe("tsd rmi", () => {
  it("must refuse an image a container uses, naming the container and removing nothing", async () => {
    const before = await imageId(appImage);
    const result = await fixture.run(["rmi", "--file", "stack.yml"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`tsd: image ${appImage} (app) is in use by container ${fixture.projectName}-app-1\n`);
    expect(await imageId(appImage)).toBe(before);
  });

  it("must remove the image with -f, leaving the running container as it is", async () => {
    const result = await fixture.run(["rmi", "-f", "--file", "stack.yml"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Untagged: ${appImage}:latest`);
    expect(await imageId(appImage)).toBeUndefined();
    expect((await docker(["inspect", "--format", "{{.State.Running}}", `${fixture.projectName}-app-1`])).trim()).toBe("true");
  });

  it("must remove the stack's images once no container uses them", async () => {
    const build = await fixture.run(["build", "-q", "-f", "stack.yml"], { timeoutMs: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    const down = await fixture.run(["down", "-f", "stack.yml"]);
    expect(down.status, down.stderr).toBe(0);
    const result = await fixture.run(["rmi", "--file", "stack.yml"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Untagged: ${appImage}:latest`);
    expect(await imageId(appImage)).toBeUndefined();
    // The other name of the same image is not the stack's: it stays.
    expect(await imageId(`${fixture.projectName}-tagged:v2`)).toBeDefined();
  });
});
