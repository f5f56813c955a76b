/**
 * Acceptance 3: `tsd up --wait` returns once services are running/healthy
 * and one-shot jobs completed; a failing health check fails it, naming the
 * service and what the check printed.
 */
import { describe, expect, it } from "vitest";
import { inspectContainer } from "../support/docker.js";
import { useFixture } from "../support/fixture.js";

describe("tsd up --wait", () => {
  it("must return 0 once the init job exited 0 and web is healthy", async () => {
    const fixture = useFixture("supervise-wait-ready");
    const { status, stderr } = await fixture.run(["up", "--wait", "-f", "stack.yml", "--progress", "plain"]);
    expect(status, stderr).toBe(0);
    const init = await inspectContainer(`${fixture.projectName}-init-1`);
    expect(init.State.Status).toBe("exited");
    expect(init.State.ExitCode).toBe(0);
    expect((await inspectContainer(`${fixture.projectName}-web-1`)).State.Health?.Status).toBe("healthy");

    const ps = await fixture.run(["ps", "-a", "-f", "stack.yml", "--format", "json"]);
    const statuses = Object.fromEntries((JSON.parse(ps.stdout) as { service: string; status: string }[]).map((row) => [row.service, row.status]));
    expect(statuses).toEqual({ init: "completed", web: "healthy" });
  }, 60_000);

  it("must fail naming the service and its last health check output when the check fails", async () => {
    const fixture = useFixture("supervise-wait-unhealthy");
    const result = await fixture.run(["up", "--wait", "-f", "stack.yml", "--progress", "plain"]);
    expect(result.status).toBe(1);
    const errorLine = result.stderr.split("\n").find((line) => line.startsWith("tsd: "));
    expect(errorLine, result.stderr).toBe(`tsd: --wait: service web (${fixture.projectName}-web-1) is unhealthy; last health check output: database unreachable`);

    const ps = await fixture.run(["ps", "-f", "stack.yml"]);
    expect(ps.stdout).toMatch(/web\s+unhealthy/);
  }, 60_000);
});
