/**
 * `tsd exec`: the command's exit code and its stdout and stderr kept apart,
 * -e / -u / -w in effect, stdin piped with -T, options after the service
 * passed to the command, -d returning at once.
 */
import { describe, expect, it } from "vitest";
import { execInContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { runTsdWithInput } from "./tsd-with-input.js";
import { fixtureForFile, STACK } from "./shared-fixture.js";

const project = fixtureForFile("inside-exec", { up: true });
const stack = STACK;

describe("tsd exec", () => {
  it("must exit with the command's exit code, its stdout on stdout and its stderr on stderr", async () => {
    const result = await project().run(["exec", ...stack, "web", "sh", "-c", "echo to-out; echo to-err >&2; exit 3"]);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe("to-out\n");
    expect(result.stderr).toBe("to-err\n");
  });

  it("must run with -e (KEY alone: tsd's value, else the container's), -u and -w", async () => {
    const result = await project().run(
      ["exec", ...stack, "-e", "ADDED=added value", "-e", "FROM_SHELL", "-e", "FROM_STACK", "-u", "nobody", "-w", "/tmp", "web", "sh", "-c", 'echo "$ADDED|$FROM_SHELL|$FROM_STACK"; id -un; pwd'],
      { env: { FROM_SHELL: "shell value" } },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("added value|shell value|stack value\nnobody\n/tmp\n");
    expect(result.status).toBe(0);
  });

  it("must pipe stdin to the command with -T, and end it when tsd's stdin ends", async () => {
    const result = await runTsdWithInput(project(), ["exec", ...stack, "-T", "web", "sh", "-c", "cat; echo after-eof"], "line one\nline two\n");
    expect(result.stdout).toBe("line one\nline two\nafter-eof\n");
    expect(result.status).toBe(0);
  });

  it("must pass options after the service to the command", async () => {
    const result = await project().run(["exec", ...stack, "web", "ls", "-d", "-l", "/tmp"]);
    expect(result.stdout).toMatch(/^drwx.* \/tmp\n$/);
    expect(result.status).toBe(0);
  });

  it("must return at once with -d while the command goes on in the container", async () => {
    const result = await project().run(["exec", ...stack, "-d", "web", "sh", "-c", "sleep 1; echo done > /tmp/detached"]);
    expect(result.status, result.stderr).toBe(0);
    expect((await execInContainer(`${project().projectName}-web-1`, ["cat", "/tmp/detached"])).status).not.toBe(0);
    await eventually(async () => expect((await execInContainer(`${project().projectName}-web-1`, ["cat", "/tmp/detached"])).stdout).toBe("done\n"), 10_000);
  });

  it("must name a missing replica instead of running anywhere", async () => {
    const result = await project().run(["exec", ...stack, "--index", "2", "web", "true"]);
    expect(result.stderr).toContain("tsd: service web has no container with index 2");
    expect(result.status).toBe(1);
  });
});
