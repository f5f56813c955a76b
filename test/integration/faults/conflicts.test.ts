/**
 * What stands in `up`'s way on the user's machine: a container name taken by
 * a container tsd did not create, a host port something else listens on, an
 * image that is neither present nor pullable. Each must fail `up` with exit 1
 * and a message naming the service and the conflict, touch nothing that is
 * not the stack's, and still converge every service that does not depend on
 * the failed one (its dependents are not started).
 */
import { createServer, type Server } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { LABEL_PROJECT, LABEL_SERVICE } from "../../../src/base/labels.js";
import { docker, inspectContainer, inspectProjectContainers } from "../support/docker.js";
import { type Fixture, useFixture } from "../support/fixture.js";
import { freeLoopbackPort } from "../up/free-port.js";

const UP = ["up", "-d", "-f", "stack.yml", "--progress", "plain"];

/** The project's containers as `service → state`. */
async function statesByService(fixture: Fixture): Promise<Record<string, string>> {
  const infos = await inspectProjectContainers(fixture.projectName);
  return Object.fromEntries(infos.map((info) => [info.Config.Labels[LABEL_SERVICE] ?? info.Name, info.State.Status]));
}

/** `other` already up before the conflict: its container must come out of the failed run as it went in. */
async function upOther(fixture: Fixture, env: Record<string, string>): Promise<string> {
  const first = await fixture.run([...UP, "other"], { env });
  expect(first.status, first.stderr).toBe(0);
  return (await inspectContainer(`${fixture.projectName}-other-1`)).Id;
}

/** The error as printed: from the `tsd: ` line to the end (progress lines come before it). */
function errorLines(stderr: string): string[] {
  const lines = stderr.trimEnd().split("\n");
  return lines.slice(lines.findIndex((line) => line.startsWith("tsd: ")));
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("tsd up: conflicts", () => {
  it("a container name taken by a container tsd did not create must fail naming the service and that container, and leave it and the other services alone", async () => {
    const fixture = useFixture("faults-conflicts");
    const env = { WEB_PORT: String(await freeLoopbackPort()) };
    const otherId = await upOther(fixture, env);
    const squatter = `${fixture.projectName}-web-1`;
    const squatterId = (await docker(["create", "--name", squatter, "tsd-test/busybox:1", "sleep", "1"])).trim();
    onTestFinished(async () => {
      await docker(["rm", "--force", squatterId]);
    });

    const result = await fixture.run(UP, { env });
    expect(result.status, result.stderr).toBe(1);
    const short = squatterId.slice(0, 12);
    expect(errorLines(result.stderr), result.stderr).toEqual([
      `tsd: service web: container name "/${squatter}" is already used by container ${short}, which tsd did not create`,
      "not started, as they depend on what failed: front",
      `hint: remove or rename it (docker rm ${short}, docker rename ${short} NEW-NAME), or set container_name to another name`,
    ]);

    // The squatter is as it was: same container, not started, not labelled.
    const after = await inspectContainer(squatter);
    expect(after.Id).toBe(squatterId);
    expect(after.State.Status).toBe("created");
    expect(after.Config.Labels[LABEL_PROJECT]).toBeUndefined();
    // Independent services converged; the dependent of the failed one was not started; other was not touched.
    expect(await statesByService(fixture)).toEqual({ api: "running", front: "created", other: "running" });
    expect((await inspectContainer(`${fixture.projectName}-other-1`)).Id).toBe(otherId);
  }, 120_000);

  it("a host port already in use must fail naming the service and the address, and up must converge once it is free", async () => {
    const fixture = useFixture("faults-conflicts");
    const port = await freeLoopbackPort();
    const env = { WEB_PORT: String(port) };
    const otherId = await upOther(fixture, env);
    const server = await listen(port);
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const result = await fixture.run(UP, { env });
    expect(result.status, result.stderr).toBe(1);
    const [message, ...rest] = errorLines(result.stderr);
    expect(message, result.stderr).toMatch(new RegExp(`^tsd: service web: host port 127\\.0\\.0\\.1:${port} is already in use \\(the engine said: .*address already in use\\)$`));
    expect(rest).toEqual([
      "not started, as they depend on what failed: front",
      `hint: stop what holds it (\`ss -ltnp 'sport = :${port}'\` or \`docker ps --filter publish=${port}\` shows it), or publish another host port`,
    ]);
    // web was created but could not start; nothing was removed.
    expect(await statesByService(fixture)).toEqual({ api: "running", front: "created", other: "running", web: "created" });
    expect((await inspectContainer(`${fixture.projectName}-other-1`)).Id).toBe(otherId);
    const webId = (await inspectContainer(`${fixture.projectName}-web-1`)).Id;

    await new Promise<void>((resolve) => server.close(() => resolve()));
    const again = await fixture.run(UP, { env });
    expect(again.status, again.stderr).toBe(0);
    expect(await statesByService(fixture)).toEqual({ api: "running", front: "running", other: "running", web: "running" });
    expect((await inspectContainer(`${fixture.projectName}-web-1`)).Id).toBe(webId);
  }, 120_000);

  it("an image neither present nor pullable must fail at once naming the service, the image and why, and converge the rest", async () => {
    const fixture = useFixture("faults-conflicts");
    // Port 1 on loopback refuses at once: no registry, no network, no timeout to sit through.
    const image = "127.0.0.1:1/nosuch:1";
    const env = { WEB_PORT: String(await freeLoopbackPort()), API_IMAGE: image };
    const otherId = await upOther(fixture, env);

    const result = await fixture.run(UP, { env, timeoutMs: 30_000 });
    expect(result.status, result.stderr).toBe(1);
    expect(errorLines(result.stderr), result.stderr).toEqual([
      `tsd: service api: image "${image}" not found locally and could not be pulled: Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused`,
    ]);
    expect(await statesByService(fixture)).toEqual({ front: "running", other: "running", web: "running" });
    expect((await inspectContainer(`${fixture.projectName}-other-1`)).Id).toBe(otherId);
  }, 120_000);
});
