/**
 * `build:` services: the image is built by the engine from a context that
 * honours .dockerignore, tagged `<project>-<service>`, rebuilt with --build
 * (recreating the container), and removed by `down --rmi local`.
 */
import { describe, expect, it } from "vitest";
import { docker, execInContainer } from "../support/docker.js";
import { useFixture } from "../support/fixture.js";

describe("tsd up: build", () => {
  it("a build: service must run an image built from its context, without .dockerignore'd files", async () => {
    const fixture = useFixture("up-build");
    const { projectName } = fixture;
    const container = `${projectName}-app-1`;
    const image = `${projectName}-app`;

    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);
    expect(up.stderr).toContain(`✔ build image ${image}  (not found locally)`);
    expect((await execInContainer(container, ["cat", "/greeting"])).stdout).toBe("hello\n");
    expect((await execInContainer(container, ["ls", "/app"])).stdout.split("\n").filter(Boolean).sort()).toEqual(["Dockerfile", "kept.txt"]);

    const firstId = await docker(["container", "inspect", "--format", "{{.Id}}", container]);
    const again = await fixture.run(["up", "-d", "-f", "stack.yml"], { env: { GREETING: "changed" } });
    expect(again.status, again.stderr).toBe(0);
    expect(await docker(["container", "inspect", "--format", "{{.Id}}", container])).toBe(firstId);

    const rebuilt = await fixture.run(["up", "-d", "--build", "-f", "stack.yml", "--progress", "plain"], { env: { GREETING: "changed" } });
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(await docker(["container", "inspect", "--format", "{{.Id}}", container])).not.toBe(firstId);
    expect((await execInContainer(container, ["cat", "/greeting"])).stdout).toBe("changed\n");

    const down = await fixture.run(["down", "--rmi", "local", "-f", "stack.yml"]);
    expect(down.status, down.stderr).toBe(0);
    expect((await docker(["image", "ls", "-q", image])).trim()).toBe("");
  });
});
