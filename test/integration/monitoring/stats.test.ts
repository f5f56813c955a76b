/**
 * `tsd stats --no-stream --format json`: one sample per running container,
 * figures as numbers within what a sleeping busybox can use.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, type Fixture } from "../support/fixture.js";

let fixture: Fixture;

beforeAll(async () => {
  fixture = copyFixture("monitoring-stats");
  const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
  expect(up.status, up.stderr).toBe(0);
});

afterAll(async () => {
  await fixture.run(["down", "-v", "-f", "stack.yml"]);
  await fixture.cleanup();
});

interface StatsRow {
  name: string;
  cpuPercent: number;
  memoryUsageBytes: number;
  memoryLimitBytes: number;
  memoryPercent: number;
  networkRxBytes: number;
  networkTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
  pids: number;
}

describe("tsd stats", () => {
  it("stats --no-stream --format json must give numbers within sane ranges", async () => {
    const stats = await fixture.run(["stats", "--no-stream", "--format", "json", "-f", "stack.yml"]);
    expect(stats.status, stats.stderr).toBe(0);
    const rows = JSON.parse(stats.stdout) as StatsRow[];
    expect(rows.map((row) => row.name)).toEqual([`${fixture.projectName}-worker-1`]);
    const [row] = rows as [StatsRow];
    expect(row.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(row.cpuPercent).toBeLessThan(100 * 1024);
    // mem_limit: 64m is the container's limit, and a sleeping shell uses a sliver of it.
    expect(row.memoryLimitBytes).toBe(64 * 1024 * 1024);
    expect(row.memoryUsageBytes).toBeGreaterThan(0);
    expect(row.memoryUsageBytes).toBeLessThan(row.memoryLimitBytes);
    expect(row.memoryPercent).toBeCloseTo((row.memoryUsageBytes / row.memoryLimitBytes) * 100, 6);
    expect(row.pids).toBeGreaterThanOrEqual(1);
    for (const bytes of [row.networkRxBytes, row.networkTxBytes, row.blockReadBytes, row.blockWriteBytes]) expect(bytes).toBeGreaterThanOrEqual(0);
  });

  it("stats --no-stream must print docker's columns", async () => {
    const stats = await fixture.run(["stats", "--no-stream", "-f", "stack.yml"]);
    expect(stats.status, stats.stderr).toBe(0);
    const [header, row] = stats.stdout.split("\n");
    expect(header?.split(/\s{2,}/)).toEqual(["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"]);
    const cells = row?.split(/\s{2,}/) ?? [];
    expect(cells).toHaveLength(8);
    expect(cells[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(cells[1]).toBe(`${fixture.projectName}-worker-1`);
    expect(cells[2]).toMatch(/^\d+\.\d\d%$/);
    expect(cells[3]).toMatch(/^[\d.]+(B|KiB|MiB) \/ 64MiB$/);
    expect(cells[4]).toMatch(/^\d+\.\d\d%$/);
    expect(cells[7]).toMatch(/^[1-9]\d*$/);
  });
});
