/**
 * A data container whose image has no CMD (an image that only carries
 * files, imported from a tarball) must come up: such a container is never
 * started, so tsd must not need a command, and the engine's "No command
 * specified" must never reach the user.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it, onTestFinished } from "vitest";
import { dockerRaw, execInContainer, inspectContainer } from "../support/docker.js";
import { useFixture } from "../support/fixture.js";

/** Imports a one-file rootfs as an image: no CMD, no ENTRYPOINT, no shell. */
function importFilesOnlyImage(reference: string): void {
  const root = mkdtempSync(join(tmpdir(), "tsd-it-nocmd-"));
  try {
    mkdirSync(join(root, "www"));
    writeFileSync(join(root, "www", "index.html"), "<h1>seeded without a command</h1>\n");
    const result = spawnSync("sh", ["-c", `tar -C '${root}' -c . | docker import - '${reference}'`], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`docker import failed: ${result.stderr}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe("data containers: an image without CMD", () => {
  it("a data container whose image has no CMD must be created (never started), and its files must reach the service", async () => {
    const image = `tsd-test/files-only-${randomBytes(3).toString("hex")}:1`;
    importFilesOnlyImage(image);
    const fixture = useFixture("data-no-cmd");
    const env = { SEED_IMAGE: image };
    onTestFinished(async () => {
      await fixture.cleanup();
      await dockerRaw(["image", "rm", "--force", image]);
    });
    const inspected = await dockerRaw(["image", "inspect", "--format", "{{json .Config.Cmd}} {{json .Config.Entrypoint}}", image]);
    expect(inspected.stdout.trim()).toBe("null null");

    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env });
    expect(up.status, up.stderr).toBe(0);
    expect(up.stderr).not.toMatch(/No command specified/i);
    expect(up.stderr).toContain(`✔ create container ${fixture.projectName}-content`);

    const content = await inspectContainer(`${fixture.projectName}-content`);
    expect(content.State.Status).toBe("created");
    const web = `${fixture.projectName}-web-1`;
    expect((await inspectContainer(web)).State.Status).toBe("running");
    const page = await execInContainer(web, ["cat", "/www/index.html"]);
    expect(page.stdout).toBe("<h1>seeded without a command</h1>\n");

    const again = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("nothing to do");
  });

  it("a service on such an image, with no command written, must be refused with what to write, not the engine's words", async () => {
    const image = `tsd-test/files-only-${randomBytes(3).toString("hex")}:1`;
    importFilesOnlyImage(image);
    const fixture = useFixture("data-no-cmd");
    onTestFinished(async () => {
      await fixture.cleanup();
      await dockerRaw(["image", "rm", "--force", image]);
    });
    const up = await fixture.run(["up", "-d", "-f", "service-no-cmd.yml", "--progress", "plain"], { env: { SEED_IMAGE: image } });
    expect(up.status).toBe(1);
    expect(up.stderr).toContain(`image "${image}" has no CMD or ENTRYPOINT, and the stack sets no command for it`);
    expect(up.stderr).toContain("set `command:` (or `entrypoint:`) for it in the stack file");
    expect(up.stderr).not.toMatch(/No command specified/);
  });
});
