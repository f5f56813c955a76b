/**
 * Acceptance 1: a service whose health check starts failing is restarted by
 * tsd's supervisor (attached `tsd up`) with backoff, and after the configured
 * maximum is stopped and reported crash-looping.
 */
import { describe, expect, it } from "vitest";
import { docker, execInContainer, inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";
import { startAttachedUp } from "./attached-up.js";

/** The container's events between `since` and now (engine time, ms), supervision-relevant ones only. */
async function containerEvents(container: string, sinceSeconds: number): Promise<{ at: number; action: string }[]> {
  const output = await docker(["events", "--since", String(sinceSeconds), "--until", String(Math.ceil(Date.now() / 1000) + 1), "--filter", `container=${container}`, "--format", "{{.TimeNano}} {{.Action}}"]);
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [nanos, ...action] = line.split(" ");
      return { at: Number(BigInt(nanos ?? "0") / 1_000_000n), action: action.join(" ") };
    })
    .filter((event) => !event.action.startsWith("exec_"));
}

describe("tsd up (attached): unhealthy supervision", () => {
  it("an unhealthy service must be restarted with backoff (1s, 2s) and, after max_restarts, stopped as crash-looping", async () => {
    const fixture = useFixture("supervise-unhealthy");
    const container = `${fixture.projectName}-web-1`;
    const up = startAttachedUp(fixture);
    try {
      await up.waitFor("supervising: following the engine's events");
      await eventually(async () => expect((await inspectContainer(container)).State.Health?.Status).toBe("healthy"));
      const since = Math.floor(Date.now() / 1000);
      expect((await execInContainer(container, ["rm", "/tmp/ok"])).status).toBe(0);

      await up.waitFor("web-1 is crash-looping", 60_000);
      await eventually(async () => expect((await inspectContainer(container)).State.Running).toBe(false));
      const events = await containerEvents(container, since);

      const unhealthy = events.filter((event) => event.action === "health_status: unhealthy").map((event) => event.at);
      const restarts = events.filter((event) => event.action === "restart").map((event) => event.at);
      expect(restarts, JSON.stringify(events)).toHaveLength(2);
      expect(unhealthy, JSON.stringify(events)).toHaveLength(3);
      // Each restart waited its backoff delay after the unhealthy report it answers (generous upper bounds).
      const [u1 = 0, u2 = 0, u3 = 0] = unhealthy;
      const [r1 = 0, r2 = 0] = restarts;
      expect(r1 - u1).toBeGreaterThanOrEqual(1000);
      expect(r1 - u1).toBeLessThan(6000);
      expect(u2).toBeGreaterThan(r1);
      expect(r2 - u2).toBeGreaterThanOrEqual(2000);
      expect(r2 - u2).toBeLessThan(7000);
      // The third unhealthy report ends it: stopped, never restarted again.
      const after = events.filter((event) => event.at >= u3).map((event) => event.action);
      expect(after).toContain("stop");
      expect(after).not.toContain("start");
    } finally {
      const { stderr } = await up.interrupt();
      expect(stderr).toContain("web-1 is crash-looping (still unhealthy after 2 restarts within 2m)");
      expect(stderr).toContain("last health check output: no /tmp/ok");
      expect(stderr).toContain("    web started");
      expect(stderr).toMatch(/\d\d:\d\d:\d\d\.\d{3} web-1: unhealthy → restarting/);
    }
  }, 120_000);
});
