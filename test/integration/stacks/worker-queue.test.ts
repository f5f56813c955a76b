/**
 * stacks/worker-queue for real: the producer's jobs are taken by both worker
 * replicas through Redis, and the queue's counters survive `down`.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { execIn, expectDownKeepsAndDownVRemoves, useReadyMadeStack } from "./ready-made.js";

const stack = useReadyMadeStack("worker-queue", ["REDIS_PORT"]);

const redis = (...command: string[]) => execIn(stack(), "queue", ["redis-cli", "--raw", ...command]);

describe("stacks/worker-queue", () => {
  it("must share the producer's jobs between both workers, keep the counters across down/up, and leave nothing after down -v", async () => {
    const up = await stack().run(["up", "--wait", "--progress", "plain"], { env: { JOB_INTERVAL: "0.2" } });
    expect(up.status, up.stderr).toBe(0);
    const workers = (await stack().run(["ps", "--format", "json"])).stdout;
    const workerIds = (JSON.parse(workers) as { service: string; id: string }[]).filter((row) => row.service === "worker").map((row) => row.id.slice(0, 12));
    expect(workerIds).toHaveLength(2);

    // Each result names the worker's hostname (its container ID): both replicas must have taken jobs.
    await eventually(async () => {
      const results = await redis("LRANGE", "results", "0", "-1");
      for (const id of workerIds) expect(results).toContain(`${id} did job-`);
    }, 30_000);
    const doneBefore = Number((await redis("GET", "jobs:done")).trim());
    expect(doneBefore).toBeGreaterThan(1);

    await expectDownKeepsAndDownVRemoves(stack(), async () => {
      // Redis's append-only file in the named volume brought the counter back.
      expect(Number((await redis("GET", "jobs:done")).trim())).toBeGreaterThanOrEqual(doneBefore);
    });
  });
});
