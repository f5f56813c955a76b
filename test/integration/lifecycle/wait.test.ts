/**
 * `tsd wait` blocks until the service's container stops, prints its exit
 * code and exits with it.
 */
import { describe, expect, it } from "vitest";
import { execInContainer, inspectContainer } from "../support/docker.js";
import { fileFixture } from "./file-fixture.js";

const currentFixture = fileFixture("lifecycle-wait", "up");

describe("tsd wait", () => {
  it("wait must return the exit code of the container, once it stops", async () => {
    const fixture = currentFixture();
    const job = `${fixture.projectName}-job-1`;
    const waiting = fixture.run(["wait", "-f", "stack.yml", "job"]);
    let finished = false;
    void waiting.then(() => (finished = true));
    // The job is still running: wait has not answered yet.
    expect((await inspectContainer(job)).State.Status).toBe("running");
    expect(finished).toBe(false);

    expect((await execInContainer(job, ["touch", "/tmp/go"])).status).toBe(0);
    const result = await waiting;
    expect(result.stdout).toBe(`${job} exited with code 3\n`);
    expect(result.status, result.stderr).toBe(3);
    expect((await inspectContainer(job)).State.ExitCode).toBe(3);
  });

  it("wait needs a service name", async () => {
    const fixture = currentFixture();
    const result = await fixture.run(["wait", "-f", "stack.yml"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/missing required argument 'services'/);
  });
});
