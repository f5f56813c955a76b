/**
 * Compose fields real files use, which tsd used to refuse: `attach: false`
 * keeps a service's output out of attached `up`; GPU device reservations in
 * a service of an inactive profile let the file load; with the profile
 * active, an engine without GPUs fails the service with a clear error.
 */
import { describe, expect, it } from "vitest";
import { inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";
import { startTsd } from "../monitoring/running-tsd.js";

describe("attach: false and GPU reservations", () => {
  it("the file loads; attached up follows web but not chatty (attach: false), which still runs", async () => {
    const fixture = useFixture("fields-attach-gpus");
    const config = await fixture.run(["config", "-f", "stack.yml"]);
    expect(config.status, config.stderr).toBe(0);
    expect(config.stdout).toMatch(/chatty:\n(\s+.*\n)*?\s+attach: false\n/);
    expect(config.stdout).not.toContain("trainer:");

    const up = startTsd(fixture, ["up", "-f", "stack.yml", "--progress", "plain"]);
    await eventually(() => expect(up.stdout()).toContain("web-says-hi"), 30_000);
    // chatty has written several lines by the time web has written two more.
    await eventually(async () => expect((await inspectContainer(`${fixture.projectName}-chatty-1`)).State.Running).toBe(true), 10_000);
    const seen = up.stdout().split("web-says-hi").length;
    await eventually(() => expect(up.stdout().split("web-says-hi").length).toBeGreaterThan(seen + 2), 10_000);
    expect(up.stdout()).not.toContain("chatty-should-not-show");
    const ended = await up.interrupt();
    expect(ended.stdout).not.toContain("chatty-should-not-show");
  });

  it("with the gpu profile active, up on an engine without GPUs fails naming the service and the field", async () => {
    const fixture = useFixture("fields-attach-gpus");
    const config = await fixture.run(["config", "-f", "stack.yml", "--profile", "gpu"]);
    expect(config.status, config.stderr).toBe(0);
    expect(config.stdout).toMatch(/trainer:[\s\S]*gpus:[\s\S]*driver: nvidia/);
    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--profile", "gpu", "--progress", "plain"]);
    expect(up.status).toBe(1);
    expect(up.stderr).toMatch(/service trainer: the engine has no device for its gpus \/ deploy\.resources\.reservations\.devices request \(could not select device driver "nvidia" with capabilities: \[\[gpu\]\]\)/);
    // The others came up.
    expect((await inspectContainer(`${fixture.projectName}-web-1`)).State.Running).toBe(true);
  });
});
