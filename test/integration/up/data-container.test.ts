/**
 * tsd's data containers: one seeds its anonymous volume once, and a web
 * server serves that content through `volumes_from`, read-only.
 */
import { describe, expect, it } from "vitest";
import { LABEL_KIND, LABEL_SERVICE } from "../../../src/base/labels.js";
import { execInContainer, inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";

describe("tsd up: data containers", () => {
  it("a data container's seeded volume must be served by a web server that mounts it read-only through volumes_from", async () => {
    const fixture = useFixture("up-data-container-seed");

    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(result.status, result.stderr).toBe(0);

    // The data container ran its command once, to completion, and holds /www in an anonymous volume.
    const content = await inspectContainer(`${fixture.projectName}-content`);
    expect(content.Config.Labels[LABEL_KIND]).toBe("data-container");
    expect(content.Config.Labels[LABEL_SERVICE]).toBe("content");
    expect(content.State.Status).toBe("exited");
    expect(content.State.ExitCode).toBe(0);
    const seeded = content.Mounts.find((mount) => mount.Destination === "/www");
    expect(seeded?.Type).toBe("volume");
    expect(seeded?.RW).toBe(true);

    // The web server mounts that same volume, read-only.
    const web = await inspectContainer(`${fixture.projectName}-web-1`);
    expect(web.State.Status).toBe("running");
    expect(web.HostConfig.VolumesFrom).toEqual([`${fixture.projectName}-content:ro`]);
    const served = web.Mounts.find((mount) => mount.Destination === "/www");
    expect(served?.Name).toBe(seeded?.Name);
    expect(served?.RW).toBe(false);

    const [binding] = web.NetworkSettings.Ports["8080/tcp"] ?? [];
    expect(binding?.HostIp).toBe("127.0.0.1");
    const page = await eventually(async () => {
      const response = await fetch(`http://127.0.0.1:${binding?.HostPort}/index.html`, { signal: AbortSignal.timeout(5_000) });
      expect(response.status).toBe(200);
      return response.text();
    }, 15_000);
    expect(page).toBe("seeded by the data container\n");

    const write = await execInContainer(`${fixture.projectName}-web-1`, ["sh", "-c", "echo defaced > /www/index.html"]);
    expect(write.status).not.toBe(0);
    expect(write.stderr).toMatch(/read-only file system/i);
    const after = await execInContainer(`${fixture.projectName}-web-1`, ["cat", "/www/index.html"]);
    expect(after.stdout).toBe("seeded by the data container\n");
  });
});
