/**
 * `statusOf` (shared by `tsd ps` and the supervisor) and `--wait`'s verdicts
 * on the engine's container states.
 */
import { describe, expect, it } from "vitest";
import type { ObservedContainer } from "../../../../../src/docker-api/types.js";
import { formatStatus } from "../../../../../src/events/status.js";
import { statusOf } from "../../../../../src/targets/docker/supervision/status.js";
import { readiness } from "../../../../../src/targets/docker/supervision/wait-ready.js";

function container(fields: Partial<ObservedContainer>): ObservedContainer {
  return { id: "c", name: "p-web-1", image: "i", imageId: "sha256:i", labels: {}, state: "running", health: "none", exitCode: 0, mounts: [], networks: {}, ports: {}, ...fields };
}

describe("statusOf", () => {
  it("must read health into the status, and a one-shot job's clean exit as completed", () => {
    expect(formatStatus(statusOf(container({ health: "healthy" }), false))).toBe("healthy");
    expect(formatStatus(statusOf(container({ health: "starting" }), false))).toBe("starting");
    expect(formatStatus(statusOf(container({}), false))).toBe("running");
    expect(formatStatus(statusOf(container({ state: "exited", exitCode: 0 }), true))).toBe("completed");
    expect(formatStatus(statusOf(container({ state: "exited", exitCode: 0 }), false))).toBe("exited(0)");
    expect(formatStatus(statusOf(container({ state: "exited", exitCode: 2 }), true))).toBe("exited(2)");
    expect(formatStatus(statusOf(container({ state: "created" }), false))).toBe("pending");
  });
});

describe("--wait readiness", () => {
  it("a completed job and a healthy service are ready; an unhealthy one fails with its health output; a starting one waits", () => {
    expect(readiness(container({ state: "exited", exitCode: 0 }), true, false, 0)).toEqual({ ready: true });
    expect(readiness(container({ health: "healthy" }), false, true, 0)).toEqual({ ready: true });
    expect(readiness(container({ health: "unhealthy", lastHealthOutput: "db down\n" }), false, true, 0)).toEqual({ ready: false, failed: true, why: "is unhealthy; last health check output: db down" });
    expect(readiness(container({ health: "starting" }), false, true, 0)).toMatchObject({ ready: false, failed: false });
    expect(readiness(container({ state: "exited", exitCode: 1 }), false, false, 0)).toMatchObject({ ready: false, failed: true, why: "exited with code 1" });
    // A job still running is not done.
    expect(readiness(container({}), true, false, 0)).toMatchObject({ ready: false, failed: false });
  });
});
