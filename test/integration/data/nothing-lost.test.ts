/**
 * Nothing a user made is lost: data written into a named volume, a service's
 * anonymous volume and a data container's volume is read back after the
 * changes that recreate containers, after `down`, and only `down -v`
 * removes it. A change that would stop mounting a data container's volume
 * is refused, touching nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, execInContainer, inspectContainer } from "../support/docker.js";
import { copyFixture, type Fixture } from "../support/fixture.js";

let fixture: Fixture;
const writer = () => `${fixture.projectName}-writer-1`;
const store = () => `${fixture.projectName}-store`;

beforeAll(() => {
  fixture = copyFixture("data-nothing-lost");
});
afterAll(async () => fixture.cleanup());

async function up(): Promise<void> {
  const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
  expect(result.status, result.stderr).toBe(0);
}

function editStack(from: string, to: string): void {
  const file = fixture.path("stack.yml");
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

/** The files' contents as the writer sees them ("" for a missing file). */
async function read(...paths: string[]): Promise<string[]> {
  const result = await execInContainer(writer(), ["sh", "-c", paths.map((path) => `printf '%s\\n' "$(cat ${path} 2>/dev/null)"`).join("; ")]);
  return result.stdout.split("\n").slice(0, paths.length);
}

async function volumeNames(container: string): Promise<string[]> {
  return (await inspectContainer(container)).Mounts.filter((mount) => mount.Type === "volume").map((mount) => mount.Name ?? "").sort();
}

describe("nothing a user made is lost", () => {
  it("must keep every kind of volume's data across recreates and down, refuse to drop a data container's volume, and remove them only with down -v", async () => {
    await up();
    const write = await execInContainer(writer(), ["sh", "-c", "echo named-data > /named/f; echo anonymous-data > /anon/f; echo store-data > /data/f"]);
    expect(write.status, write.stderr).toBe(0);
    const volumes = [...new Set([...(await volumeNames(writer())), ...(await volumeNames(store()))])];
    expect(volumes).toHaveLength(3);

    // A config change recreates the writer: its anonymous volume moves to the new container.
    const firstWriter = (await inspectContainer(writer())).Id;
    editStack("MODE: one", "MODE: two");
    await up();
    expect((await inspectContainer(writer())).Id).not.toBe(firstWriter);
    expect(await read("/named/f", "/anon/f", "/data/f")).toEqual(["named-data", "anonymous-data", "store-data"]);

    // A change of the data container's own definition recreates it, carrying its volume.
    const firstStore = (await inspectContainer(store())).Id;
    editStack("      - /data\n", "      - /data\n    labels:\n      purpose: shared data\n");
    await up();
    expect((await inspectContainer(store())).Id).not.toBe(firstStore);
    expect(await read("/data/f")).toEqual(["store-data"]);

    // A definition that would stop mounting the data container's volume is refused: nothing changes.
    const before = { store: (await inspectContainer(store())).Id, writer: (await inspectContainer(writer())).Id };
    editStack("      - /data\n", "      - /data-moved\n");
    const refused = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/data container store.*no longer mounts \/data/);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect({ store: (await inspectContainer(store())).Id, writer: (await inspectContainer(writer())).Id }).toEqual(before);
    editStack("      - /data-moved\n", "      - /data\n");

    // down keeps the named volume and the data container with its volume.
    const down = await fixture.run(["down", "-f", "stack.yml"]);
    expect(down.status, down.stderr).toBe(0);
    const left = (await docker(["volume", "ls", "--quiet"])).split("\n");
    for (const volume of volumes) expect(left).toContain(volume);
    await up();
    expect(await read("/named/f", "/data/f")).toEqual(["named-data", "store-data"]);

    // Only down -v removes them: every volume the project's containers mount now. (The writer's
    // first anonymous volume, left by `down` as Compose leaves it, is not attached to anything any
    // more; it is removed here so the run leaves nothing behind.)
    const attached = [...new Set([...(await volumeNames(writer())), ...(await volumeNames(store()))])];
    const downV = await fixture.run(["down", "-v", "-f", "stack.yml"]);
    expect(downV.status, downV.stderr).toBe(0);
    const remaining = (await docker(["volume", "ls", "--quiet"])).split("\n");
    for (const volume of attached) expect(remaining).not.toContain(volume);
    const leftByDown = volumes.filter((volume) => remaining.includes(volume));
    if (leftByDown.length > 0) await docker(["volume", "rm", ...leftByDown]);
  });
});
