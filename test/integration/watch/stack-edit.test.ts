/**
 * `tsd watch` on a running three-service stack: a saved edit of the stack
 * file is applied to exactly the service it concerns; an invalid edit is
 * reported with its file and line and touches nothing; fixing it applies;
 * removing a named volume is held back as pending and the volume survives.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, dockerRaw, inspectContainer, inspectProjectContainers } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { copyFixture, type Fixture } from "../support/fixture.js";
import { type RunningTsd, startTsd } from "../monitoring/running-tsd.js";

let fixture: Fixture;
let watch: RunningTsd | undefined;

beforeAll(async () => {
  fixture = copyFixture("watch-stack-edit");
  const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
  expect(up.status, up.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await watch?.interrupt();
  await fixture.run(["down", "-v", "-f", "stack.yml"]);
  await fixture.cleanup();
});

/** Container IDs by name. */
async function containerIds(): Promise<Record<string, string>> {
  return Object.fromEntries((await inspectProjectContainers(fixture.projectName)).map((info) => [info.Name.slice(1), info.Id]));
}

/** Rewrites the stack file as an editor's save would. */
function editStack(edit: (text: string) => string): void {
  const file = fixture.path("stack.yml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
}

/** The lines the watcher printed since `mark` (a length of its stderr). */
const linesSince = (mark: number) => (watch?.stderr() ?? "").slice(mark);

describe("tsd watch: stack edits", () => {
  it("must apply a valid edit to exactly its service, report an invalid one with file:line and touch nothing, then apply the fix", async () => {
    const api = `${fixture.projectName}-api-1`;
    const web = `${fixture.projectName}-web-1`;
    const worker = `${fixture.projectName}-worker-1`;
    watch = startTsd(fixture, ["watch", "--no-up", "-f", "stack.yml"]);
    await eventually(() => expect(watch?.stderr()).toContain("watching"), 20_000);
    const before = await containerIds();
    expect(Object.keys(before).sort()).toEqual([api, web, worker]);

    let mark = watch.stderr().length;
    editStack((text) => text.replace("MODE: first", "MODE: second"));
    await eventually(() => expect(linesSince(mark)).toMatch(/stack\.yml changed → recreate api \(environment\.MODE changed\) … done in/), 30_000);
    const afterEdit = await containerIds();
    expect(afterEdit[api]).not.toBe(before[api]);
    expect(afterEdit[web]).toBe(before[web]);
    expect(afterEdit[worker]).toBe(before[worker]);
    const recreated = await inspectContainer(api);
    expect(recreated.State.Status).toBe("running");
    expect(recreated.Config.Env).toContain("MODE=second");

    mark = watch.stderr().length;
    // An unterminated flow sequence on line 10 (MODE's line).
    editStack((text) => text.replace("MODE: second", "MODE: [third"));
    await eventually(() => expect(linesSince(mark)).toContain("invalid"), 30_000);
    expect(linesSince(mark)).toMatch(new RegExp(`${fixture.path("stack.yml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+ `));
    expect(await containerIds()).toEqual(afterEdit);

    mark = watch.stderr().length;
    editStack((text) => text.replace("MODE: [third", "MODE: third"));
    await eventually(() => expect(linesSince(mark)).toMatch(/recreate api \(environment\.MODE changed\) … done/), 30_000);
    const afterFix = await containerIds();
    expect(afterFix[api]).not.toBe(afterEdit[api]);
    expect(afterFix[web]).toBe(before[web]);
    expect(afterFix[worker]).toBe(before[worker]);
    expect((await inspectContainer(api)).Config.Env).toContain("MODE=third");
  }, 90_000);

  it("removing a named volume from the stack must be shown as pending and leave the volume and its container as they are", async () => {
    const worker = `${fixture.projectName}-worker-1`;
    const volume = `${fixture.projectName}_keep`;
    expect((await dockerRaw(["volume", "inspect", volume])).status).toBe(0);
    const before = await containerIds();
    const mark = watch?.stderr().length ?? 0;
    editStack((text) => text.replace("    volumes:\n      - keep:/keep\n", "").replace("volumes:\n  keep: {}\n", ""));
    await eventually(() => expect(linesSince(mark)).toContain(`pending (apply with \`tsd up\`): recreate worker — detaches volume ${volume}, which left the stack`), 30_000);
    expect(await containerIds()).toEqual(before);
    expect((await inspectContainer(worker)).Mounts.map((mount) => mount.Name)).toContain(volume);
    expect((await docker(["volume", "inspect", "--format", "{{.Name}}", volume])).trim()).toBe(volume);

    const ended = await watch?.interrupt();
    watch = undefined;
    expect(ended?.status, ended?.stderr).toBe(0);
    // Ending the watch leaves the stack running.
    expect((await inspectContainer(worker)).State.Status).toBe("running");
  }, 60_000);
});
