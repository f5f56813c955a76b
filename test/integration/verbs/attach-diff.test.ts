/**
 * `tsd attach` joins the user's stdin and stdout to a running service's
 * main process and detaches on ctrl-p ctrl-q, leaving it running (with or
 * without a TTY: tsd reads the detach keys itself). `tsd diff` lists a file
 * created in the container as `A`, as `docker diff` does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, inspectProjectContainers } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { copyFixture, type Fixture } from "../support/fixture.js";
import { startTsd } from "../support/tsd-process.js";

let fixture: Fixture;

beforeAll(async () => {
  fixture = copyFixture("verbs-attach");
  const up = await fixture.run(["up", "-d", "-f", "stack.yml"]);
  expect(up.status, up.stderr).toBe(0);
});

afterAll(async () => {
  await fixture?.cleanup();
});

async function echoContainer(service = "echo") {
  const container = (await inspectProjectContainers(fixture.projectName)).find((candidate) => candidate.Config.Labels["dev.tsd.service"] === service);
  if (!container) throw new Error("the echo service has no container");
  return container;
}

describe("tsd attach", () => {
  it("must relay stdin and stdout of a cat-like service, and detach on ctrl-p ctrl-q without stopping it", async () => {
    const before = await echoContainer();
    const attached = startTsd(["attach", "-f", "stack.yml", "echo"], fixture.dir, fixture.env);
    // The attachment is in place once a line typed comes back; until then lines may go unread.
    await eventually(() => {
      attached.child.stdin.write("hello through tsd\n");
      expect(attached.stdout()).toContain("hello through tsd\n");
    }, 20_000, 500);
    attached.child.stdin.write(Buffer.from([0x10, 0x11]));
    const result = await attached.done;
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`detached from ${before.Name.slice(1)} (still running)`);
    const after = await echoContainer();
    expect(after.State.Running).toBe(true);
    expect(after.Id).toBe(before.Id);
    expect(after.State.StartedAt).toBe(before.State.StartedAt);
  });

  it("must pass a lone ctrl-p through and detach only on the whole sequence of --detach-keys", async () => {
    const attached = startTsd(["attach", "-f", "stack.yml", "--detach-keys", "ctrl-a,ctrl-d", "echo"], fixture.dir, fixture.env);
    await eventually(() => {
      attached.child.stdin.write("ready\n");
      expect(attached.stdout()).toContain("ready\n");
    }, 20_000, 500);
    attached.child.stdin.write(Buffer.from([0x10, 0x11, 0x0a]));
    await eventually(() => expect(attached.stdout()).toContain("\x10\x11\n"), 10_000);
    attached.child.stdin.write(Buffer.from([0x01, 0x04]));
    const result = await attached.done;
    expect(result.status, result.stderr).toBe(0);
    expect((await echoContainer()).State.Running).toBe(true);
  });

  it("must detach from a service with a TTY the same way, with custom keys the engine is told too", async () => {
    const before = await echoContainer("tty-echo");
    const attached = startTsd(["attach", "-f", "stack.yml", "--detach-keys", "ctrl-x,ctrl-y", "tty-echo"], fixture.dir, fixture.env);
    await eventually(() => {
      attached.child.stdin.write("typed on a tty\n");
      expect(attached.stdout()).toContain("typed on a tty");
    }, 20_000, 500);
    attached.child.stdin.write(Buffer.from([0x18, 0x19]));
    const result = await attached.done;
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("(still running)");
    const after = await echoContainer("tty-echo");
    expect([after.State.Running, after.State.StartedAt]).toEqual([true, before.State.StartedAt]);
  });

  it("must refuse bad detach keys before attaching", async () => {
    const result = await fixture.run(["attach", "-f", "stack.yml", "--detach-keys", "ctrl-9", "echo"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--detach-keys ctrl-9: "ctrl-9" is not a key');
  });
});

describe("tsd diff", () => {
  it("must list a file created inside the container as A, as docker diff does", async () => {
    const container = await echoContainer();
    const exec = await fixture.run(["exec", "-T", "-f", "stack.yml", "echo", "sh", "-c", "echo made > /tmp/created-by-test"]);
    expect(exec.status, exec.stderr).toBe(0);
    const diff = await fixture.run(["diff", "-f", "stack.yml", "echo"]);
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout.split("\n")).toContain("A /tmp/created-by-test");
    expect(diff.stdout).toBe(await docker(["diff", container.Id]));
    const json = await fixture.run(["diff", "-f", "stack.yml", "--format", "json", "echo"]);
    expect(JSON.parse(json.stdout)).toContainEqual({ kind: "A", path: "/tmp/created-by-test" });
  });
});
