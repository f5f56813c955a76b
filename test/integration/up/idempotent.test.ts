/**
 * A re-run of `tsd up` on a converged stack is a no-op: the config-hash
 * labels match, so not one container, network or volume is touched.
 */
import { describe, expect, it } from "vitest";
import { docker, projectResources } from "../support/docker.js";
import { useFixture } from "../support/fixture.js";

describe("tsd up: idempotence", () => {
  it("a second up must change no container and say nothing to do, and plan must print nothing to do", async () => {
    const fixture = useFixture("up-idempotent");
    const { projectName } = fixture;

    const first = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(first.status, first.stderr).toBe(0);
    const before = await projectResources(projectName);
    expect(before.containers).toHaveLength(2);
    expect(before.networks).toHaveLength(1);
    expect(before.volumes).toEqual([`${projectName}_site`]);
    const startedBefore = await docker(["container", "inspect", "--format", "{{.Name}} {{.State.StartedAt}}", ...before.containers]);

    const plan = await fixture.run(["plan", "-f", "stack.yml"]);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toBe("nothing to do\n");
    const planJson = await fixture.run(["plan", "-f", "stack.yml", "--format", "json"]);
    expect(planJson.status, planJson.stderr).toBe(0);
    expect(JSON.parse(planJson.stdout)).toEqual({ operations: [], notes: [] });

    const second = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toContain("nothing to do");

    // Same IDs, and not even restarted.
    expect(await projectResources(projectName)).toEqual(before);
    expect(await docker(["container", "inspect", "--format", "{{.Name}} {{.State.StartedAt}}", ...before.containers])).toBe(startedBefore);
  });
});
