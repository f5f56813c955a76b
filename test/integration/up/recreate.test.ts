/**
 * A changed service field recreates that service's containers and no
 * others; `tsd plan` says which field changed before anything happens (a
 * `-/+ recreate` line with its cause, and the summary line), and
 * the recreated container keeps its anonymous volume's data.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { dockerRaw, execInContainer, inspectProjectContainers } from "../support/docker.js";
import { useFixture } from "../support/fixture.js";

describe("tsd up: recreate on change", () => {
  it("changing one service's environment must recreate exactly that container, keeping its anonymous volume's data", async () => {
    const fixture = useFixture("up-recreate-one");
    const { projectName } = fixture;
    const api = `${projectName}-api-1`;
    const idsByName = async () => Object.fromEntries((await inspectProjectContainers(projectName)).map((info) => [info.Name.slice(1), info.Id]));

    const first = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(first.status, first.stderr).toBe(0);
    const before = await idsByName();
    expect(Object.keys(before)).toEqual([api, `${projectName}-web-1`, `${projectName}-worker-1`]);
    expect((await execInContainer(api, ["sh", "-c", "echo precious > /data/kept"])).status).toBe(0);
    const [apiBefore] = (await inspectProjectContainers(projectName)).filter((info) => info.Name === `/${api}`);
    const dataVolume = apiBefore?.Mounts.find((mount) => mount.Destination === "/data")?.Name;
    expect(dataVolume).toMatch(/^[0-9a-f]{64}$/);
    // Re-mounted by name after the recreate, the volume no longer goes with its container (`rm -v`): remove it here.
    onTestFinished(async () => {
      await fixture.cleanup();
      await dockerRaw(["volume", "rm", "--force", dataVolume ?? ""]);
    });

    const changed = { API_MODE: "second" };
    const plan = await fixture.run(["plan", "-f", "stack.yml"], { env: changed });
    expect(plan.status, plan.stderr).toBe(0);
    // Step lines only: the "after …" lines under them pin the order; the last line sums the plan up.
    const lines = plan.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("0 to create, 1 to recreate, 0 to remove");
    const stepLines = lines.slice(0, -2).filter((line) => !line.trimStart().startsWith("after "));
    expect(stepLines.length).toBeGreaterThan(0);
    for (const line of stepLines) {
      expect(line).toContain(api);
      expect(line).not.toMatch(/-(web|worker)-1/);
    }
    // The recreate names its cause: the field that changed.
    expect(stepLines).toContain(`-/+ recreate container ${api}  (environment.API_MODE changed)`);
    // Planning changed nothing.
    expect(await idsByName()).toEqual(before);

    const second = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env: changed });
    expect(second.status, second.stderr).toBe(0);

    const after = await idsByName();
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after[api]).not.toBe(before[api]);
    expect(after[`${projectName}-web-1`]).toBe(before[`${projectName}-web-1`]);
    expect(after[`${projectName}-worker-1`]).toBe(before[`${projectName}-worker-1`]);

    const [apiAfter] = (await inspectProjectContainers(projectName)).filter((info) => info.Name === `/${api}`);
    expect(apiAfter?.State.Status).toBe("running");
    expect(apiAfter?.Config.Env).toContain("API_MODE=second");
    expect(apiAfter?.Mounts.find((mount) => mount.Destination === "/data")?.Name).toBe(dataVolume);
    const kept = await execInContainer(api, ["cat", "/data/kept"]);
    expect(kept.status, kept.stderr).toBe(0);
    expect(kept.stdout).toBe("precious\n");
  });
});
