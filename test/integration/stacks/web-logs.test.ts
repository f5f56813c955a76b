/**
 * stacks/web-logs for real: nginx serves what the `content` data container
 * seeded, writes its access log into the `logs` data container, and the
 * reader follows it; read-only mounts are enforced; the data survives `down`.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { execIn, expectDownKeepsAndDownVRemoves, useReadyMadeStack } from "./ready-made.js";

const stack = useReadyMadeStack("web-logs", ["HTTP_PORT"]);

const page = async (path: string) => {
  const response = await fetch(`http://127.0.0.1:${stack().ports.HTTP_PORT}${path}`);
  return { status: response.status, body: await response.text() };
};

describe("stacks/web-logs", () => {
  it("must serve the seeded content, log to the shared volume, keep it across down/up, and leave nothing after down -v", async () => {
    const up = await stack().run(["up", "--wait", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);

    const first = await page("/?visit=first-visit");
    expect(first.status).toBe(200);
    expect(first.body).toContain("Served from the content data container");
    // The reader sees nginx's line through the logs data container.
    await eventually(async () => expect((await stack().run(["logs", "logreader"])).stdout).toContain("GET /?visit=first-visit"), 20_000);

    // Whoever only reads a volume cannot write it.
    const writeContent = await stack().run(["exec", "-T", "web", "touch", "/srv/www/intruder"]);
    expect(writeContent.status).not.toBe(0);
    expect(writeContent.stderr).toContain("Read-only file system");
    const writeLogs = await stack().run(["exec", "-T", "logreader", "touch", "/var/log/web/intruder"]);
    expect(writeLogs.status).not.toBe(0);

    await expectDownKeepsAndDownVRemoves(stack(), async () => {
      expect((await page("/")).body).toContain("Served from the content data container");
      expect(await execIn(stack(), "web", ["cat", "/var/log/web/access.log"])).toContain("GET /?visit=first-visit");
    });
  });
});
