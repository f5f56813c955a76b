/**
 * Changes the engine can make on a live container are made in place: a new
 * restart policy or memory limit in the file is one `update-container`
 * step, and the container keeps its ID and StartedAt; a new container_name
 * is a rename with the same ID. An image change still recreates.
 */
import { describe, expect, it } from "vitest";
import { inspectContainer } from "../support/docker.js";
import { useFixture } from "../support/fixture.js";

/** The plan's step lines, trimmed (not the "after" lines under them, nor the summary). */
function stepLines(stdout: string): string[] {
  const lines = stdout.trim().split("\n").map((line) => line.trim());
  if (lines[0] === "nothing to do") return ["nothing to do"];
  return lines.filter((line) => line !== "" && !line.startsWith("after ") && !/^\d+ to create/.test(line));
}

describe("tsd up: changes in place", () => {
  it("updates restart policy and memory limit in place, renames for container_name, recreates for an image", async () => {
    const fixture = useFixture("up-in-place");
    const name = `${fixture.projectName}-web`;
    const env = (changes: Record<string, string> = {}) => ({ env: { WEB_NAME: name, ...changes } });
    const up = async (changes: Record<string, string> = {}) => {
      const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], env(changes));
      expect(result.status, result.stderr).toBe(0);
    };
    const plan = async (changes: Record<string, string> = {}) => {
      const result = await fixture.run(["plan", "-f", "stack.yml"], env(changes));
      expect(result.status, result.stderr).toBe(0);
      return stepLines(result.stdout);
    };

    await up();
    const first = await inspectContainer(name);
    expect(first.HostConfig.RestartPolicy?.Name).toBe("on-failure");

    // Restart policy: one update step, same container.
    const restart = { WEB_RESTART: "always" };
    const restartPlan = await plan(restart);
    expect(restartPlan).toHaveLength(1);
    expect(restartPlan[0]).toMatch(new RegExp(`^~ update container ${name} in place\\s+\\(restart policy changed\\)$`));
    await up(restart);
    const restarted = await inspectContainer(name);
    expect(restarted.Id).toBe(first.Id);
    expect(restarted.State.StartedAt).toBe(first.State.StartedAt);
    expect(restarted.HostConfig.RestartPolicy?.Name).toBe("always");
    expect(await plan(restart)).toEqual(["nothing to do"]);

    // Memory limit: one update step; the engine shows the new limit.
    const memory = { ...restart, WEB_MEMORY: "96m" };
    expect(await plan(memory)).toEqual([expect.stringMatching(/^~ update container \S+ in place\s+\(memory limit changed\)$/)]);
    await up(memory);
    const resized = await inspectContainer(name);
    expect(resized.Id).toBe(first.Id);
    expect(resized.State.StartedAt).toBe(first.State.StartedAt);
    expect(resized.HostConfig.Memory).toBe(96 * 1024 * 1024);
    expect(resized.State.Running).toBe(true);

    // container_name: a rename, same ID.
    const renamed = `${name}-renamed`;
    const renamePlan = await plan({ ...memory, WEB_NAME: renamed });
    expect(renamePlan).toEqual([expect.stringMatching(new RegExp(`^~ rename container ${name} → ${renamed}\\s+\\(container_name changed\\)$`))]);
    await up({ ...memory, WEB_NAME: renamed });
    const moved = await inspectContainer(renamed);
    expect(moved.Id).toBe(first.Id);
    expect(moved.State.StartedAt).toBe(first.State.StartedAt);

    // Image: still a recreate.
    const image = { ...memory, WEB_NAME: renamed, WEB_IMAGE: "tsd/quickstart-busybox:1" };
    const imagePlan = await plan(image);
    expect(imagePlan.some((line) => line.startsWith("~ update"))).toBe(false);
    expect(imagePlan.some((line) => line.startsWith("-/+ ") && line.includes("(image changed)"))).toBe(true);
    await up(image);
    expect((await inspectContainer(renamed)).Id).not.toBe(first.Id);
  });

  it("tsd update changes the running container once; tsd plan shows the drift; tsd up restores the file's values", async () => {
    const fixture = useFixture("up-in-place");
    const name = `${fixture.projectName}-web`;
    const env = { env: { WEB_NAME: name } };
    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], env);
    expect(up.status, up.stderr).toBe(0);
    const first = await inspectContainer(name);

    const update = await fixture.run(["update", "web", "--restart", "always", "--memory", "128m", "-f", "stack.yml"], env);
    expect(update.status, update.stderr).toBe(0);
    expect(update.stderr).toContain(`Container ${name}  Updated`);
    const updated = await inspectContainer(name);
    expect(updated.Id).toBe(first.Id);
    expect(updated.State.StartedAt).toBe(first.State.StartedAt);
    expect(updated.HostConfig.RestartPolicy?.Name).toBe("always");
    expect(updated.HostConfig.Memory).toBe(128 * 1024 * 1024);

    const plan = await fixture.run(["plan", "-f", "stack.yml"], env);
    expect(plan.status, plan.stderr).toBe(0);
    expect(stepLines(plan.stdout)).toEqual([expect.stringMatching(new RegExp(`^~ update container ${name} in place\\s+\\(restart policy, memory limit changed\\)$`))]);

    const restore = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], env);
    expect(restore.status, restore.stderr).toBe(0);
    const restored = await inspectContainer(name);
    expect(restored.Id).toBe(first.Id);
    expect(restored.HostConfig.RestartPolicy?.Name).toBe("on-failure");
    expect(restored.HostConfig.Memory).toBe(64 * 1024 * 1024);

    const bad = await fixture.run(["update", "web", "--memory", "lots", "-f", "stack.yml"], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("--memory lots: expected a size such as 256m or 1g");
  });
});
