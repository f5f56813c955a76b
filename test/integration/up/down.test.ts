/**
 * `tsd down` removes what can be made again (service containers, networks)
 * and keeps data (named volumes, data containers and their volumes);
 * `down -v` removes the data too, leaving nothing of the project behind.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { LABEL_KIND, LABEL_PROJECT } from "../../../src/base/labels.js";
import { docker, dockerRaw, inspectContainer, projectResources } from "../support/docker.js";
import { type Fixture, useFixture } from "../support/fixture.js";

const testImage = "tsd-test/busybox:1";

/** Whether a volume exists, by name. */
async function volumeExists(name: string): Promise<boolean> {
  const result = await dockerRaw(["volume", "inspect", name]);
  if (result.status !== 0 && !/no such volume/i.test(result.stderr)) throw new Error(`docker volume inspect ${name}: ${result.stderr}`);
  return result.status === 0;
}

/**
 * Anonymous volumes carry no project label, so the fixture's cleanup cannot
 * find them: remove those a test saw, whatever tsd left, once the project's
 * containers (which may still use them) are gone.
 */
function removeVolumesWhenDone(fixture: Fixture, names: () => readonly string[]): void {
  onTestFinished(async () => {
    await fixture.cleanup();
    for (const name of names()) {
      const result = await dockerRaw(["volume", "rm", "--force", name]);
      if (result.status !== 0 && !/no such volume/i.test(result.stderr)) throw new Error(`docker volume rm ${name}: ${result.stderr}`);
    }
  });
}

describe("tsd down", () => {
  it("down must remove service containers and networks but keep named volumes and data containers with their volumes; down -v must leave nothing", async () => {
    const fixture = useFixture("up-down-volumes");
    const { projectName } = fixture;
    const store = `${projectName}-store`;
    const anonymous: string[] = [];
    removeVolumesWhenDone(fixture, () => anonymous);

    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);
    const storeVolume = (await inspectContainer(store)).Mounts.find((mount) => mount.Destination === "/store")?.Name ?? "";
    expect(storeVolume).toMatch(/^[0-9a-f]{64}$/);
    anonymous.push(storeVolume);
    const before = await projectResources(projectName);
    expect(before.containers).toHaveLength(2);
    expect(before.networks).toHaveLength(1);
    expect(before.volumes).toEqual([`${projectName}_site`]);
    await docker(["exec", `${projectName}-web-1`, "sh", "-c", "echo page > /www/index.html"]);

    const down = await fixture.run(["down", "-f", "stack.yml", "--progress", "plain"]);
    expect(down.status, down.stderr).toBe(0);

    const afterDown = await projectResources(projectName);
    expect(afterDown.networks).toEqual([]);
    expect(afterDown.volumes).toEqual([`${projectName}_site`]);
    expect(afterDown.containers).toEqual([(await inspectContainer(store)).Id]);
    expect((await inspectContainer(store)).Config.Labels[LABEL_KIND]).toBe("data-container");
    expect(await volumeExists(storeVolume)).toBe(true);
    // The data itself is still there, in both kinds of volume (read through a throwaway container of the project).
    const label = `${LABEL_PROJECT}=${projectName}`;
    const read = async (volume: string, path: string) =>
      docker(["run", "--rm", "--label", label, "--network", "none", "--volume", `${volume}:/v:ro`, testImage, "cat", `/v/${path}`]);
    expect(await read(storeVolume, "marker")).toBe("kept\n");
    expect(await read(`${projectName}_site`, "index.html")).toBe("page\n");

    const downVolumes = await fixture.run(["down", "-v", "-f", "stack.yml", "--progress", "plain"]);
    expect(downVolumes.status, downVolumes.stderr).toBe(0);
    expect(await projectResources(projectName)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(await volumeExists(storeVolume)).toBe(false);
  });

  it("down -v must also remove the anonymous volumes that recreated containers carried over", async () => {
    const fixture = useFixture("up-down-after-recreate");
    const { projectName } = fixture;
    const anonymous: string[] = [];
    removeVolumesWhenDone(fixture, () => anonymous);
    const volumeAt = async (container: string, destination: string) =>
      (await inspectContainer(container)).Mounts.find((mount) => mount.Destination === destination)?.Name ?? "";

    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);
    const appVolume = await volumeAt(`${projectName}-app-1`, "/data");
    const storeVolume = await volumeAt(`${projectName}-store`, "/store");
    anonymous.push(appVolume, storeVolume);
    expect(appVolume).toMatch(/^[0-9a-f]{64}$/);
    expect(storeVolume).toMatch(/^[0-9a-f]{64}$/);

    const recreate = await fixture.run(["up", "-d", "--force-recreate", "-f", "stack.yml", "--progress", "plain"]);
    expect(recreate.status, recreate.stderr).toBe(0);
    // The new containers run on the old volumes.
    expect(await volumeAt(`${projectName}-app-1`, "/data")).toBe(appVolume);
    expect(await volumeAt(`${projectName}-store`, "/store")).toBe(storeVolume);

    const down = await fixture.run(["down", "-v", "-f", "stack.yml", "--progress", "plain"]);
    expect(down.status, down.stderr).toBe(0);
    expect(await projectResources(projectName)).toEqual({ containers: [], networks: [], volumes: [] });
    expect({ app: await volumeExists(appVolume), store: await volumeExists(storeVolume) }).toEqual({ app: false, store: false });
  });

  it("down must leave a network another container still uses, say which container, remove the rest and succeed", async () => {
    const fixture = useFixture("up-idempotent");
    const { projectName } = fixture;
    const network = `${projectName}_default`;
    const squatter = `${projectName}-not-ours`;
    onTestFinished(async () => {
      await dockerRaw(["rm", "-f", squatter]);
      await fixture.cleanup();
    });
    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);
    // A container tsd did not create (no project label), attached to the stack's network by hand.
    await docker(["run", "-d", "--name", squatter, "--network", network, testImage, "sleep", "300"]);

    const down = await fixture.run(["down", "-t", "1", "-f", "stack.yml", "--progress", "plain"]);
    expect(down.status, down.stderr).toBe(0);
    expect(down.stderr).toContain(`remove network ${network}: left in place: still used by ${squatter}, which this down did not remove`);
    const after = await projectResources(projectName);
    expect(after.containers).toEqual([]);
    expect(after.networks).toHaveLength(1);
    expect((await inspectContainer(squatter)).State.Running).toBe(true);
  });
});
