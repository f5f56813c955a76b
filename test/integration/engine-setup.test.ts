/**
 * Proves the integration wiring: the global setup brought an engine and the
 * local test image, and the support helpers (fixture, CLI, engine reads,
 * eventually, cleanup) work against the real engine.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LABEL_PROJECT } from "../../src/base/labels.js";
import { docker, engineVersion, execInContainer, inspectContainer, projectResources } from "./support/docker.js";
import { eventually } from "./support/eventually.js";
import { copyFixture, useFixture } from "./support/fixture.js";

const testImage = "tsd-test/busybox:1";

describe("engine setup", () => {
  it("the engine must answer with its version and API version", async () => {
    const engine = await engineVersion();
    expect(engine.version).not.toBe("");
    expect(engine.apiVersion).toMatch(/^\d+\.\d+$/);
  });

  it("tsd-test/busybox:1 must run its applets from /bin as links to /bin/busybox, with nobody and a sticky /tmp", async () => {
    // No --rm: the exited container stays until useFixture's cleanup removes it with the project.
    const { projectName } = useFixture("engine-setup");
    const script = "readlink /bin/httpd; id -u nobody; stat -c %a /tmp; httpd --help 2>&1 | head -n 1";
    const output = await docker(["run", "--label", `${LABEL_PROJECT}=${projectName}`, testImage, "sh", "-c", script]);
    expect(output.split("\n").slice(0, 3)).toEqual(["/bin/busybox", "65534", "1777"]);
    expect(output).toMatch(/BusyBox v[\d.]+/);
  });

  it("a fixture must load as its own project, and its cleanup must remove every container, network and volume of that project", async () => {
    const fixture = copyFixture("engine-setup");
    const { projectName } = fixture;
    const label = `${LABEL_PROJECT}=${projectName}`;
    try {
      const config = await fixture.run(["config", "-f", "stack.yml", "--format", "json"]);
      expect(config.stderr).toBe("");
      expect(config.status).toBe(0);
      expect((JSON.parse(config.stdout) as { name: string }).name).toBe(projectName);

      // What tsd up will create, made by hand: a network, a named volume and a serving container.
      await docker(["network", "create", "--label", label, `${projectName}_default`]);
      await docker(["volume", "create", "--label", label, `${projectName}_content`]);
      const containerId = (
        await docker([
          "run", "--detach", "--label", label, "--network", `${projectName}_default`, "--volume", `${projectName}_content:/www`,
          testImage, "httpd", "-f", "-p", "8080", "-h", "/www",
        ])
      ).trim();
      expect((await execInContainer(containerId, ["sh", "-c", "echo hello > /www/index.html"])).status).toBe(0);

      const page = await eventually(async () => {
        const fetched = await execInContainer(containerId, ["wget", "-q", "-O", "-", "http://127.0.0.1:8080/"]);
        expect(fetched.status).toBe(0);
        return fetched.stdout;
      }, 10_000);
      expect(page).toBe("hello\n");
      expect((await inspectContainer(containerId)).Config.Labels[LABEL_PROJECT]).toBe(projectName);

      const resources = await projectResources(projectName);
      expect(resources.containers).toEqual([containerId]);
      expect(resources.networks).toHaveLength(1);
      expect(resources.volumes).toEqual([`${projectName}_content`]);
    } finally {
      await fixture.cleanup();
    }
    expect(await projectResources(projectName)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(existsSync(fixture.dir)).toBe(false);
  });
});
