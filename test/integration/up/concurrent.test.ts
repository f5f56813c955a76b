/**
 * One writer per project: two `tsd up` started together both succeed, the
 * second waiting for the first, and the engine sees every container created
 * once.
 */
import { describe, expect, it } from "vitest";
import { LABEL_PROJECT, LABEL_SERVICE } from "../../../src/base/labels.js";
import { docker, inspectProjectContainers } from "../support/docker.js";
import { useFixture } from "../support/fixture.js";

describe("tsd up: concurrent runs", () => {
  it("two up at once on one project must both succeed, the second waiting for the first, leaving one container per service", async () => {
    const fixture = useFixture("up-concurrent");
    const { projectName } = fixture;
    const since = Math.floor(Date.now() / 1000) - 1;

    const args = ["up", "-d", "-f", "stack.yml", "--progress", "plain"];
    const runs = await Promise.all([fixture.run(args), fixture.run(args)]);
    for (const run of runs) expect(run.status, run.stderr).toBe(0);

    const waited = runs.filter((run) => run.stderr.includes("waiting for another tsd"));
    expect(waited, runs.map((run) => run.stderr).join("\n---\n")).toHaveLength(1);
    // The one that waited found the other's work done: it changed nothing.
    expect(waited[0]?.stderr).toContain("nothing to do");
    const worker = runs.find((run) => !run.stderr.includes("waiting for another tsd"));
    expect(worker?.stderr).toContain("✔ create container");

    const containers = await inspectProjectContainers(projectName);
    expect(containers.map((info) => [info.Name.slice(1), info.Config.Labels[LABEL_SERVICE], info.State.Status])).toEqual([
      [`${projectName}-app-1`, "app", "running"],
      [`${projectName}-db-1`, "db", "running"],
      [`${projectName}-worker-1`, "worker", "running"],
    ]);

    // The engine's own record: each container was created exactly once, by one writer.
    const until = Math.floor(Date.now() / 1000) + 1;
    const created = await docker([
      "events", "--since", String(since), "--until", String(until),
      "--filter", "type=container", "--filter", "event=create", "--filter", `label=${LABEL_PROJECT}=${projectName}`,
      "--format", "{{.Actor.Attributes.name}}",
    ]);
    expect(created.trim().split("\n").sort()).toEqual([`${projectName}-app-1`, `${projectName}-db-1`, `${projectName}-worker-1`]);
  });
});
