/**
 * Restart policies are the engine's job once tsd has written them: a
 * command that fails at once under `on-failure:2` is restarted exactly
 * twice, then left exited.
 */
import { describe, expect, it } from "vitest";
import { inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";
import { consistently } from "./consistently.js";

describe("tsd up: restart policies", () => {
  it("restart on-failure:2 must restart a failing container exactly twice, then leave it exited", async () => {
    const fixture = useFixture("up-restart-on-failure");
    const flaky = `${fixture.projectName}-flaky-1`;

    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(result.status, result.stderr).toBe(0);
    expect((await inspectContainer(flaky)).HostConfig.RestartPolicy).toEqual({ Name: "on-failure", MaximumRetryCount: 2 });

    const settled = async (): Promise<void> => {
      const info = await inspectContainer(flaky);
      expect({ status: info.State.Status, exitCode: info.State.ExitCode, restartCount: info.RestartCount }).toEqual({
        status: "exited",
        exitCode: 1,
        restartCount: 2,
      });
    };
    await eventually(settled, 30_000);
    // No third restart is on its way: the engine's back-off between tries is well under this.
    await consistently(settled, 3_000);
  });
});
