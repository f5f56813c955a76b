/**
 * The lifecycle verbs on one service of two replicas, against the real
 * engine: create makes containers without starting them, start and stop
 * keep the containers (same IDs, a new start time), pause freezes and
 * unpause resumes, kill delivers the signal asked for, rm asks before it
 * removes. Every verb acts on both replicas and leaves the data container
 * alone. The steps build on each other, so they share one project.
 */
import type { ContainerInspectInfo } from "dockerode";
import { beforeAll, describe, expect, it } from "vitest";
import { dockerRaw, execInContainer, inspectContainer, inspectProjectContainers } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import type { Fixture } from "../support/fixture.js";
import { fileFixture } from "./file-fixture.js";

const currentFixture = fileFixture("lifecycle-states");
let fixture: Fixture;
let replicas: string[];
let content: string;

beforeAll(() => {
  fixture = currentFixture();
  replicas = [1, 2].map((replica) => `${fixture.projectName}-app-${replica}`);
  content = `${fixture.projectName}-content`;
});

async function tsd(...args: string[]) {
  const result = await fixture.run([...args.slice(0, 1), "-f", "stack.yml", ...args.slice(1)]);
  expect(result.status, `tsd ${args.join(" ")}\n${result.stderr}`).toBe(0);
  return result;
}

async function states(): Promise<Record<string, string>> {
  const infos = await inspectProjectContainers(fixture.projectName);
  return Object.fromEntries(infos.map((info) => [info.Name.slice(1), info.State.Status]));
}

const appInfos = (): Promise<ContainerInspectInfo[]> => Promise.all(replicas.map((name) => inspectContainer(name)));

describe("lifecycle verbs on a running stack", () => {
  it("create must create every container without starting any", async () => {
    const result = await tsd("create", "--progress", "plain");
    expect(result.stdout).toBe("");
    expect(await states()).toEqual({ [content]: "created", [replicas[0] as string]: "created", [replicas[1] as string]: "created" });
  });

  it("start must run the created replicas and leave the data container alone", async () => {
    const result = await tsd("start");
    expect(result.stderr.split("\n").filter(Boolean).sort()).toEqual(replicas.map((name) => `Container ${name}  Started`));
    expect(await states()).toEqual({ [content]: "created", [replicas[0] as string]: "running", [replicas[1] as string]: "running" });
  });

  it("stop then start must keep the container IDs, and the containers must really run again", async () => {
    const before = await appInfos();
    await tsd("stop", "-t", "5");
    for (const info of await appInfos()) expect(info.State.Status).toBe("exited");
    await tsd("start", "app");
    const after = await appInfos();
    expect(after.map((info) => info.Id)).toEqual(before.map((info) => info.Id));
    after.forEach((info, index) => {
      expect(info.State.Status).toBe("running");
      expect(info.State.StartedAt).not.toBe(before[index]?.State.StartedAt);
    });
  });

  it("pause must freeze every replica and unpause resume them", async () => {
    await tsd("pause", "app");
    expect((await appInfos()).map((info) => [info.State.Status, info.State.Paused])).toEqual([["paused", true], ["paused", true]]);
    await tsd("unpause");
    expect((await appInfos()).map((info) => [info.State.Status, info.State.Paused])).toEqual([["running", false], ["running", false]]);
  });

  it("kill -s SIGUSR1 must reach each replica's process, which traps it and keeps running", async () => {
    for (const name of replicas) expect((await execInContainer(name, ["test", "-e", "/tmp/usr1"])).status).not.toBe(0);
    const result = await tsd("kill", "-s", "SIGUSR1", "app");
    expect(result.stderr.split("\n").filter(Boolean).sort()).toEqual(replicas.map((name) => `Container ${name}  Killed`));
    for (const name of replicas) {
      await eventually(async () => expect((await execInContainer(name, ["cat", "/tmp/usr1"])).stdout).toBe("got-usr1\n"), 10_000);
    }
    for (const info of await appInfos()) expect(info.State.Status).toBe("running");
  });

  it("rm without -f and without a terminal must refuse and remove nothing (with -s: stop nothing)", async () => {
    const refusal = /^tsd: not removing (.*) without confirmation: stdin is not a terminal\nhint: pass -f \(--force\) to remove without asking\n$/;
    const stopFirst = await fixture.run(["rm", "--file", "stack.yml", "-s"]);
    expect(stopFirst.status).toBe(1);
    expect(stopFirst.stderr).toMatch(refusal);
    expect(Object.values(await states()).sort()).toEqual(["created", "running", "running"]);

    await tsd("stop", "app");
    const stopped = await fixture.run(["rm", "--file", "stack.yml"]);
    expect(stopped.status).toBe(1);
    expect(refusal.exec(stopped.stderr)?.[1]).toBe(replicas.join(", "));
    expect(Object.values(await states()).sort()).toEqual(["created", "exited", "exited"]);
    await tsd("start", "app");
  });

  it("rm -s -f must stop and remove the service containers, and their anonymous volumes with -v", async () => {
    const volumes = (await appInfos()).flatMap((info) => info.Mounts.filter((mount) => mount.Destination === "/scratch").map((mount) => mount.Name));
    expect(volumes).toHaveLength(2);
    const result = await fixture.run(["rm", "--file", "stack.yml", "-s", "-f", "-v"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Container ${replicas[0]}  Stopped`);
    expect(result.stderr).toContain(`Container ${replicas[1]}  Removed`);
    expect(await states()).toEqual({ [content]: "created" });
    for (const volume of volumes) {
      expect((await dockerRaw(["volume", "inspect", volume ?? ""])).status).not.toBe(0);
    }
  });

  it("rm must say there is nothing to remove when no service container is stopped", async () => {
    const result = await fixture.run(["rm", "--file", "stack.yml", "-f"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe("No stopped containers\n");
  });

  it("start must name a service that has no container, and start nothing", async () => {
    const result = await fixture.run(["start", "-f", "stack.yml"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("tsd: service app has no container; create it with `tsd up` or `tsd create`\n");
  });
});
