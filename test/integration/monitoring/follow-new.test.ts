/**
 * `logs -f` and `stats` follow containers that start after they began: a
 * scale-up's new replica shows in a running `logs -f` with its `web-2`
 * prefix, and in a running `stats --format json`; a recreate's new
 * containers keep a running `logs -f` going; once all have stopped it ends.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";
import { startTsd } from "./running-tsd.js";

describe("following containers that appear later", () => {
  it("logs -f started before up --scale web=2 shows web-2's lines; stats shows web-2; a recreate keeps logs -f going", async () => {
    const fixture = useFixture("monitoring-follow-new");
    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);
    const follow = startTsd(fixture, ["logs", "--file", "stack.yml", "-f"]);
    const stats = startTsd(fixture, ["stats", "--file", "stack.yml", "--format", "json"]);
    await eventually(() => expect(follow.stdout()).toMatch(/^web-1 \| tick$/m), 15_000);

    const scaled = await fixture.run(["up", "-d", "-f", "stack.yml", "--scale", "web=2", "--progress", "plain"]);
    expect(scaled.status, scaled.stderr).toBe(0);
    await eventually(() => expect(follow.stdout()).toMatch(/^web-2 \| hello-from-/m), 15_000);
    await eventually(() => expect(follow.stdout()).toMatch(/^web-2 \| tick$/m), 15_000);
    await eventually(() => expect(stats.stdout()).toContain(`"name":"${fixture.projectName}-web-2"`), 15_000);

    // A recreate of both replicas: the old containers stop, new ones start under the same names.
    const recreated = await fixture.run(["up", "-d", "-f", "stack.yml", "--scale", "web=2", "--force-recreate", "--progress", "plain"]);
    expect(recreated.status, recreated.stderr).toBe(0);
    const helloCount = () => (follow.stdout().match(/^web-1 \| hello-from-/gm) ?? []).length;
    await eventually(() => expect(helloCount(), follow.stdout() + follow.stderr()).toBe(2), 15_000);

    // Once every container has stopped, logs -f ends by itself.
    const stopped = await fixture.run(["stop", "--file", "stack.yml"]);
    expect(stopped.status, stopped.stderr).toBe(0);
    const ended = await follow.ended();
    expect(ended.status, ended.stderr).toBe(0);
    const statsEnded = await stats.interrupt();
    expect(statsEnded.status, statsEnded.stderr).toBe(0);
  });
});
