/**
 * `tsd cp`, `tsd export`, `tsd commit`: files in and out of a service's
 * container through the engine's archive API, its filesystem as a tar, and
 * an image made from it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { docker, dockerRaw, execInContainer } from "../support/docker.js";
import { fixtureForFile, STACK } from "./shared-fixture.js";

const project = fixtureForFile("inside-files", { up: true });
const stack = STACK;
const box = () => `${project().projectName}-box-1`;

describe("tsd cp", () => {
  it("must round-trip a file host → container → host with its content", async () => {
    writeFileSync(project().path("note.txt"), "first line\nsecond line\n");
    const into = await project().run(["cp", ...stack, "note.txt", "box:/tmp/"]);
    expect(into.status, into.stderr).toBe(0);
    expect((await execInContainer(box(), ["cat", "/tmp/note.txt"])).stdout).toBe("first line\nsecond line\n");
    expect((await execInContainer(box(), ["stat", "-c", "%u:%g", "/tmp/note.txt"])).stdout).toBe("0:0\n");

    const back = await project().run(["cp", ...stack, "box:/tmp/note.txt", "back.txt"]);
    expect(back.status, back.stderr).toBe(0);
    expect(readFileSync(project().path("back.txt"), "utf8")).toBe("first line\nsecond line\n");
  });

  it("must copy a directory as docker cp does: created when missing, nested when present, DIR/. for its contents", async () => {
    mkdirSync(project().path("tree/sub"), { recursive: true });
    writeFileSync(project().path("tree/sub/deep.txt"), "deep\n");
    expect((await project().run(["cp", ...stack, "tree", "box:/tmp/copied"])).status).toBe(0);
    expect((await execInContainer(box(), ["cat", "/tmp/copied/sub/deep.txt"])).stdout).toBe("deep\n");

    mkdirSync(project().path("out"));
    expect((await project().run(["cp", ...stack, "box:/tmp/copied", "out"])).status).toBe(0);
    expect(readFileSync(project().path("out/copied/sub/deep.txt"), "utf8")).toBe("deep\n");
    expect((await project().run(["cp", ...stack, "box:/tmp/copied/.", "out"])).status).toBe(0);
    expect(readFileSync(project().path("out/sub/deep.txt"), "utf8")).toBe("deep\n");
  });

  it("must name a missing source and touch nothing", async () => {
    const result = await project().run(["cp", ...stack, "box:/no/such/file", "anywhere"]);
    expect(result.stderr).toBe("tsd: box:/no/such/file: no such file or directory\n");
    expect(result.status).toBe(1);
  });
});

describe("tsd export", () => {
  it("must write the container's filesystem as a tar holding a file written inside it", async () => {
    expect((await execInContainer(box(), ["sh", "-c", "echo exported > /exported-marker.txt"])).status).toBe(0);
    const result = await project().run(["export", ...stack, "-o", "box.tar", "box"]);
    expect(result.status, result.stderr).toBe(0);
    const entries = execFileSync("tar", ["-tf", project().path("box.tar")], { encoding: "utf8" }).split("\n");
    expect(entries).toContain("exported-marker.txt");
    expect(entries).toContain("bin/busybox");
    expect(execFileSync("tar", ["-xOf", project().path("box.tar"), "exported-marker.txt"], { encoding: "utf8" })).toBe("exported\n");
  });
});

describe("tsd commit", () => {
  it("must make an image holding a file written in the container, print its ID, and apply -c changes", async () => {
    const image = `tsd-test/inside-commit-${randomBytes(3).toString("hex")}:1`;
    try {
      expect((await execInContainer(box(), ["sh", "-c", "echo committed > /committed.txt"])).status).toBe(0);
      const result = await project().run(["commit", ...stack, "-m", "snapshot", "-c", "ENV FROM_COMMIT=yes", "box", image]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
      expect(await docker(["image", "inspect", "--format", "{{.Id}} {{.Comment}}", image])).toBe(`${result.stdout.trim()} snapshot\n`);
      expect(await docker(["run", "--rm", image, "sh", "-c", "cat /committed.txt; echo $FROM_COMMIT"])).toBe("committed\nyes\n");
    } finally {
      await dockerRaw(["image", "rm", "--force", image]);
    }
  });
});
