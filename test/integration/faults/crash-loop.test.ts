/**
 * A crash-looping service (exits 1 at once, `restart: always`) must not keep
 * the rest of the stack from converging: `up -d` succeeds as Compose's does
 * and `tsd ps` shows it restarting; `up -d --wait` brings the others up and
 * healthy, then fails naming the crash-looping service, its restarts, its
 * exit code and its last output.
 */
import { describe, expect, it } from "vitest";
import { LABEL_SERVICE } from "../../../src/base/labels.js";
import { inspectProjectContainers } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";

describe("tsd up: a crash-looping service", () => {
  it("up -d --wait must bring the independent services up and healthy, then fail naming the crash-looping one with its exit code and last output", async () => {
    const fixture = useFixture("faults-crash-loop");
    const result = await fixture.run(["up", "-d", "--wait", "--wait-timeout", "60", "-f", "stack.yml", "--progress", "plain"], { timeoutMs: 90_000 });

    expect(result.status, result.stderr).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    const report = lines.slice(lines.findIndex((line) => line.startsWith("tsd: ")));
    expect(report[0], result.stderr).toMatch(new RegExp(`^tsd: --wait: service crash \\(${fixture.projectName}-crash-1\\) is crash-looping: restarted \\d+ times, last exit code 1$`));
    // Its output across restarts, last lines last: what it said before dying.
    expect(report[1]).toBe("  last 5 log lines:");
    expect(report.slice(2)).toHaveLength(5);
    for (const line of report.slice(2)) expect(["    loading config", "    fatal: /etc/app.conf not found"]).toContain(line);
    // It did not give up early: the others were waited for, and were ready when it said so.
    expect(result.stderr).not.toContain("timed out");

    const infos = await inspectProjectContainers(fixture.projectName);
    const byService = Object.fromEntries(infos.map((info) => [info.Config.Labels[LABEL_SERVICE], info]));
    expect(byService.web?.State.Health?.Status).toBe("healthy");
    expect(byService.worker?.State.Status).toBe("running");
    expect(byService.crash?.RestartCount).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it("up -d without --wait must succeed, and ps must show the crash-looping service restarting beside the running ones", async () => {
    const fixture = useFixture("faults-crash-loop");
    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(result.status, result.stderr).toBe(0);

    await eventually(async () => {
      const ps = await fixture.run(["ps", "-f", "stack.yml", "--format", "json"]);
      const statuses = Object.fromEntries((JSON.parse(ps.stdout) as { service: string; status: string }[]).map((row) => [row.service, row.status]));
      expect(statuses).toEqual({ crash: "restarting", web: "healthy", worker: "running" });
    }, 30_000);
  }, 60_000);
});
