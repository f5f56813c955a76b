/**
 * `--timings`: after `up`, the critical chain as measured (through the
 * health-check wait that gated the dependent); `plan --timings` estimates
 * the next plan's chain from what `up` recorded.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useFixture } from "../support/fixture.js";

const cache = mkdtempSync(join(tmpdir(), "tsd-timings-"));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** The chain's step lines: "action target", in order. */
function chainSteps(stderr: string): string[] {
  const lines = stderr.split("\n");
  const start = lines.findIndex((line) => line.startsWith("critical chain"));
  return lines.slice(start + 2).filter((line) => /^\s+\+/.test(line)).map((line) => line.trim().split(/\s{2,}/).slice(1, 3).join(" "));
}

describe("tsd up --timings", () => {
  it("must print the measured chain through the health-check wait, and plan --timings must estimate it from that run", async () => {
    const fixture = useFixture("up-timings");
    const { projectName } = fixture;
    const env = { XDG_CACHE_HOME: cache };

    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "quiet", "--timings"], { env });
    expect(up.status, up.stderr).toBe(0);
    expect(up.stderr).toMatch(/^critical chain \(measured\): [\d.]+m?s, \d+ steps$/m);
    const measured = chainSteps(up.stderr);
    expect(measured.slice(-4)).toEqual([`create ${projectName}-db-1`, `start ${projectName}-db-1`, "wait db healthy (for web)", `start ${projectName}-web-1`]);
    expect(measured.join("\n")).not.toContain("cache");

    const down = await fixture.run(["down", "-f", "stack.yml", "--progress", "quiet"], { env });
    expect(down.status, down.stderr).toBe(0);
    const plan = await fixture.run(["plan", "-f", "stack.yml", "--timings"], { env });
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stderr).toMatch(/^critical chain \(estimated from the last run, \d{4}-\d\d-\d\dT[\d:.]+Z\): [\d.]+m?s, \d+ steps$/m);
    expect(chainSteps(plan.stderr).slice(-2)).toEqual(["wait db healthy (for web)", `start ${projectName}-web-1`]);
    expect(plan.stderr).not.toContain("never measured");
  });
});
