/**
 * The Docker adapter's image calls against the real engine: builds from a
 * temporary context (.dockerignore honoured, inline Dockerfiles, failing
 * steps), the entrypoint reset, inspect/remove of absent images, and a pull
 * that cannot succeed (no registry is reachable from the test machine, so
 * the reference points at a closed local port).
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connectDockerEngine } from "../../../src/docker-api/dockerode/connect.js";
import { LABEL_PROJECT } from "../../../src/base/labels.js";
import { EngineError } from "../../../src/base/errors.js";
import { dockerRaw, removeProjectResources } from "../support/docker.js";
import { collectLogs } from "./logs.js";
import { buildSpec, containerSpec, TEST_IMAGE } from "./specs.js";

const prefix = `tsd-it-engine-${randomBytes(4).toString("hex")}`;
const project = { [LABEL_PROJECT]: prefix };
const engine = connectDockerEngine();
const tempRoot = await mkdtemp(join(tmpdir(), `${prefix}-`));
const test = { timeout: 60_000 };

afterAll(async () => {
  await removeProjectResources(prefix);
  const images = await dockerRaw(["image", "ls", "--quiet", "--filter", `label=${LABEL_PROJECT}=${prefix}`]);
  const ids = [...new Set(images.stdout.split("\n").filter((line) => line !== ""))];
  if (ids.length > 0) await dockerRaw(["image", "rm", "--force", ...ids]);
  await rm(tempRoot, { recursive: true, force: true });
});

/** A context folder holding `files` (relative path → content). */
async function contextWith(name: string, files: Record<string, string>): Promise<string> {
  const context = join(tempRoot, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(context, path, ".."), { recursive: true });
    await writeFile(join(context, path), content);
  }
  await mkdir(context, { recursive: true });
  return context;
}

/** Runs `image` to completion and returns its stdout. */
async function runToEnd(name: string, spec: ReturnType<typeof containerSpec>): Promise<string> {
  const id = await engine.createContainer({ ...spec, name: `${prefix}-${name}`, labels: project });
  await engine.startContainer(id);
  expect(await engine.waitContainer(id)).toBe(0);
  return (await collectLogs(engine, id)).stdout;
}

describe("DockerEngine images", () => {
  it("a build must send the context minus .dockerignore'd files, tag every tag and pass args and labels", test, async () => {
    const context = await contextWith("app", {
      Dockerfile: `FROM ${TEST_IMAGE}\nARG GREETING=unset\nCOPY . /ctx/\nRUN echo "$GREETING" > /greeting\n`,
      // The Dockerfile is listed, yet must still reach the engine (which then keeps it out of COPY).
      ".dockerignore": "# secrets stay home\nsecret.txt\nsub/*\n!sub/keep-me.txt\nDockerfile\n",
      "keep.txt": "kept",
      "secret.txt": "must not be sent",
      "sub/keep-me.txt": "re-included",
      "sub/nested-secret.txt": "must not be sent",
    });
    const tags = [`${prefix}-app:1`, `${prefix}-app:alt`];
    const progress: string[] = [];
    await engine.buildImage(
      buildSpec(context, { tags, args: { GREETING: "built by tsd" }, labels: { ...project, "dev.tsd.test": "build" } }),
      (line) => progress.push(line.text),
    );
    // Build labels arrive as one more (LABEL) step, so only the first step's text is fixed.
    expect(progress[0]).toMatch(new RegExp(`^Step 1/\\d+ : FROM ${TEST_IMAGE}$`));

    const image = await engine.inspectImage(tags[0]!);
    expect(image?.tags.slice().sort()).toEqual(tags.slice().sort());
    expect(image?.labels).toMatchObject({ ...project, "dev.tsd.test": "build" });

    const listing = await runToEnd("app", containerSpec("", "find /ctx -type f | sort; cat /greeting", { image: tags[0]! }));
    expect(listing).toBe("/ctx/.dockerignore\n/ctx/keep.txt\n/ctx/sub/keep-me.txt\nbuilt by tsd\n");

    await engine.removeImage(tags[1]!);
    expect((await engine.inspectImage(tags[0]!))?.tags).toEqual([tags[0]]);
  });

  it("an inline Dockerfile must build, and `entrypoint: []` must reset the image's entrypoint but keep its command", test, async () => {
    const context = await contextWith("inline", { "kept.txt": "kept" });
    const tag = `${prefix}-inline:1`;
    const dockerfileInline =
      `FROM ${TEST_IMAGE}\nCOPY . /ctx/\nENTRYPOINT ["echo", "from-entrypoint"]\nCMD ["from-cmd"]\nLABEL ${LABEL_PROJECT}=${prefix}\n`;
    await engine.buildImage(buildSpec(context, { tags: [tag], dockerfileInline }));
    expect((await engine.inspectImage(tag))?.labels).toMatchObject(project);

    const asBuilt = containerSpec("", "", { image: tag });
    // The generated Dockerfile travels in the context but must not be copied into the image.
    expect(await runToEnd("inline-ctx", { ...asBuilt, entrypoint: ["find", "/ctx", "-type", "f"], cmd: undefined })).toBe("/ctx/kept.txt\n");
    expect(await runToEnd("inline-default", { ...asBuilt, cmd: undefined })).toBe("from-entrypoint from-cmd\n");
    expect(await runToEnd("inline-reset", { ...asBuilt, entrypoint: [], cmd: ["echo", "reset"] })).toBe("reset\n");

    // With the entrypoint reset and no command, the image's CMD alone is run: "from-cmd" is no program.
    const bare = await engine.createContainer({ ...asBuilt, name: `${prefix}-inline-bare`, labels: project, entrypoint: [], cmd: undefined });
    await expect(engine.startContainer(bare)).rejects.toThrow(/"from-cmd": executable file not found/);
  });

  it("a failing build step must be an EngineError naming the step and the engine's message", test, async () => {
    const context = await contextWith("failing", {});
    const spec = buildSpec(context, { tags: [`${prefix}-failing:1`], dockerfileInline: `FROM ${TEST_IMAGE}\nRUN exit 7\n`, labels: project });
    const failure = await engine.buildImage(spec).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).message).toMatch(/failed at "Step 2\/\d : RUN exit 7": The command .* returned a non-zero code: 7$/);
  });

  it("an absent image must inspect as undefined and remove without error", test, async () => {
    expect(await engine.inspectImage(`${prefix}-absent:1`)).toBeUndefined();
    await engine.removeImage(`${prefix}-absent:1`);
  });

  it("a pull that cannot reach its registry must fail with an EngineError", test, async () => {
    const failure = await engine.pullImage(`127.0.0.1:1/${prefix}/missing:1`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).message).toMatch(/^pull image "127\.0\.0\.1:1\/.*": .*connection refused/);
  });
});
