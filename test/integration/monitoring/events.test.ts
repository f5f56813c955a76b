/**
 * `tsd events --json`: the project's container events as they happen, and
 * nothing of another project, not even a container that claims the same
 * project name without the project's identity.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABEL_PROJECT, LABEL_PROJECT_ID } from "../../../src/base/labels.js";
import { docker } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { copyFixture, type Fixture } from "../support/fixture.js";
import { startTsd } from "./running-tsd.js";

let watched: Fixture;
let other: Fixture;

beforeAll(() => {
  watched = copyFixture("monitoring-events");
  other = copyFixture("monitoring-events");
});

afterAll(async () => {
  await watched.run(["down", "-v", "-f", "stack.yml"]);
  await other.run(["down", "-v", "-f", "stack.yml"]);
  // Also removes the impostor, which carries the watched project's name label.
  await watched.cleanup();
  await other.cleanup();
});

interface EventLine {
  time: string;
  type: string;
  action: string;
  id: string;
  service: string;
  attributes: Record<string, string>;
}

describe("tsd events", () => {
  it("events --json must show the start of a service started meanwhile and nothing from other projects", async () => {
    const events = startTsd(watched, ["events", "--json", "-f", "stack.yml"]);
    await eventually(() => expect(events.stderr()).toContain("following the events"));

    const otherUp = await other.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(otherUp.status, otherUp.stderr).toBe(0);
    const up = await watched.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);
    const webId = (await docker(["container", "inspect", "--format", "{{.Id}}", `${watched.projectName}-web-1`])).trim();
    // A container with the watched project's name but not its identity: another folder's project of the same name.
    const impostor = (
      await docker(["run", "-d", "--rm", "--label", `${LABEL_PROJECT}=${watched.projectName}`, "--label", `${LABEL_PROJECT_ID}=another-folder`, "tsd-test/busybox:1", "true"])
    ).trim();
    // Events arrive in order: once this later one is shown, the impostor's and the other project's would have been too.
    await docker(["kill", "--signal", "SIGUSR1", webId]);

    const parsed = () => events.stdout().split("\n").filter(Boolean).map((line) => JSON.parse(line) as EventLine);
    await eventually(() => expect(parsed().some((event) => event.action === "kill")).toBe(true), 10_000);
    const ended = await events.interrupt();
    expect(ended.status, ended.stderr).toBe(0);

    const seen = parsed();
    const start = seen.find((event) => event.action === "start");
    expect(start).toMatchObject({ type: "container", id: webId, service: "web", attributes: { name: `${watched.projectName}-web-1`, image: "tsd-test/busybox:1" } });
    expect(start?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(seen.map((event) => event.action)).toContain("create");
    expect(new Set(seen.map((event) => event.id))).toEqual(new Set([webId]));
    expect(seen.find((event) => event.action === "kill")?.attributes.signal).toBe("10");
    expect(impostor).not.toBe(webId);
  });
});
