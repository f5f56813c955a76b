/**
 * `tsd up` publishes a service's port on the host, exactly where the stack
 * says: a web server on 127.0.0.1 and a host port chosen by the test,
 * reached from the test over HTTP.
 */
import { describe, expect, it } from "vitest";
import { LABEL_PROJECT, LABEL_SERVICE } from "../../../src/base/labels.js";
import { inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";
import { freeLoopbackPort } from "./free-port.js";

describe("tsd up: published ports", () => {
  it("a web server published on 127.0.0.1:<WEB_PORT> must be bound there only and answer over HTTP", async () => {
    const fixture = useFixture("up-published-port");
    const port = await freeLoopbackPort();
    const env = { WEB_PORT: String(port) };

    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env });
    expect(result.status, result.stderr).toBe(0);

    const web = await inspectContainer(`${fixture.projectName}-web-1`);
    expect(web.State.Status).toBe("running");
    expect(web.Config.Labels[LABEL_PROJECT]).toBe(fixture.projectName);
    expect(web.Config.Labels[LABEL_SERVICE]).toBe("web");
    // Bound on the loopback interface only: nothing outside this machine can reach it.
    expect(web.HostConfig.PortBindings).toEqual({ "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: String(port) }] });
    expect(web.NetworkSettings.Ports["8080/tcp"]).toEqual([{ HostIp: "127.0.0.1", HostPort: String(port) }]);

    const page = await eventually(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5_000) });
      expect(response.status).toBe(200);
      return response.text();
    }, 15_000);
    expect(page).toBe("published\n");
  });
});
