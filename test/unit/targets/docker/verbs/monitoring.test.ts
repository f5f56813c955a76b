/**
 * The pure parts of the monitoring verbs: whole lines out of chunks,
 * docker's --since/--until forms, `docker stats`' figures and units, and
 * image references split for `tsd images`.
 */
import { describe, expect, it } from "vitest";
import type { ContainerStatsSample } from "../../../../../src/docker-api/operations/monitoring.js";
import { binarySize, decimalSize } from "../../../../../src/cli/render/byte-size.js";
import { containerUsage } from "../../../../../src/targets/docker/verbs/container-usage.js";
import { LineSplitter } from "../../../../../src/targets/docker/verbs/log-lines.js";
import { parseLogTime } from "../../../../../src/cli/flags/log-time.js";
import { splitImageReference } from "../../../../../src/targets/docker/verbs/project-images.js";

describe("LineSplitter", () => {
  it("must hold a line split across chunks until its end arrives", () => {
    const splitter = new LineSplitter();
    expect(splitter.push("one\ntw")).toEqual(["one"]);
    expect(splitter.push("o")).toEqual([]);
    expect(splitter.push("\r\nthree\n")).toEqual(["two", "three"]);
    expect(splitter.push("tail")).toEqual([]);
    expect(splitter.flush()).toEqual(["tail"]);
    expect(splitter.flush()).toEqual([]);
  });
});

describe("parseLogTime", () => {
  const now = new Date("2024-05-01T12:00:00Z");
  it.each([
    ["10m", Date.parse("2024-05-01T11:50:00Z") / 1000],
    ["1h30m", Date.parse("2024-05-01T10:30:00Z") / 1000],
    ["1.5h", Date.parse("2024-05-01T10:30:00Z") / 1000],
    ["1714557600", 1714557600],
    ["1714557600.25", 1714557600.25],
    ["2024-05-01T10:00:00Z", Date.parse("2024-05-01T10:00:00Z") / 1000],
    ["2024-05-01T10:00:00.5+02:00", Date.parse("2024-05-01T08:00:00.5Z") / 1000],
    ["2024-05-01", new Date(2024, 4, 1).getTime() / 1000],
  ])("%s", (value, seconds) => {
    expect(parseLogTime(value, "--since", now)).toBe(seconds);
  });

  it("must refuse anything else, naming the flag", () => {
    expect(() => parseLogTime("yesterday", "--until", now)).toThrow(/^--until yesterday: expected an RFC 3339 time/);
    expect(() => parseLogTime("10x", "--since", now)).toThrow(/--since 10x/);
  });
});

const cpu = (totalUsage: number, systemUsage: number) => ({ totalUsage, systemUsage, onlineCpus: 4, perCpuUsageCount: 4 });
const sample = (overrides: Partial<ContainerStatsSample> = {}): ContainerStatsSample => ({
  readAt: "",
  cpu: cpu(1_500_000_000, 200_000_000_000),
  previousCpu: cpu(1_000_000_000, 196_000_000_000),
  memory: { usageBytes: 100 * 1024 * 1024, limitBytes: 400 * 1024 * 1024, counters: { total_inactive_file: 20 * 1024 * 1024, inactive_file: 1 } },
  networks: { eth0: { rxBytes: 1000, txBytes: 10 }, eth1: { rxBytes: 500, txBytes: 5 } },
  blockIo: [
    { op: "Read", bytes: 4096 },
    { op: "Write", bytes: 8192 },
    { op: "read", bytes: 4 },
    { op: "Sync", bytes: 99 },
  ],
  pids: 3,
  ...overrides,
});

describe("containerUsage: docker stats' formulas", () => {
  it("must compute CPU from the deltas, memory without inactive files (cgroup v1), and sum network and block I/O", () => {
    expect(containerUsage(sample())).toEqual({
      // 0.5 s of 4 s host CPU time over 4 CPUs.
      cpuPercent: 50,
      memoryUsageBytes: 80 * 1024 * 1024,
      memoryLimitBytes: 400 * 1024 * 1024,
      memoryPercent: 20,
      networkRxBytes: 1500,
      networkTxBytes: 15,
      blockReadBytes: 4100,
      blockWriteBytes: 8192,
      pids: 3,
    });
  });

  it("must subtract inactive_file on cgroup v2, and count per-CPU counters when online CPUs are not reported", () => {
    const usage = containerUsage(
      sample({
        memory: { usageBytes: 1000, limitBytes: 0, counters: { inactive_file: 400 } },
        cpu: { ...cpu(1_500_000_000, 200_000_000_000), onlineCpus: 0, perCpuUsageCount: 2 },
      }),
    );
    expect(usage).toMatchObject({ memoryUsageBytes: 600, memoryPercent: 0, cpuPercent: 25 });
  });

  it("must report 0% CPU without an earlier reading", () => {
    expect(containerUsage(sample({ previousCpu: cpu(0, 0), cpu: cpu(0, 0) })).cpuPercent).toBe(0);
  });
});

describe("byte sizes as the docker CLI prints them", () => {
  it.each([
    [0, "0B", "0B"],
    [1023, "1023B", "1.02kB"],
    [466944, "456KiB", "467kB"],
    [1985597, "1.894MiB", "1.99MB"],
    [25276502016, "23.54GiB", "25.3GB"],
  ])("%d bytes", (bytes, binary, decimal) => {
    expect(binarySize(bytes)).toBe(binary);
    expect(decimalSize(bytes)).toBe(decimal);
  });
});

describe("splitImageReference", () => {
  it.each([
    ["tsd-test/busybox:1", { repository: "tsd-test/busybox", tag: "1" }],
    ["busybox", { repository: "busybox", tag: "latest" }],
    ["127.0.0.1:5000/app", { repository: "127.0.0.1:5000/app", tag: "latest" }],
    ["127.0.0.1:5000/app:2@sha256:abc", { repository: "127.0.0.1:5000/app", tag: "2", digest: "sha256:abc" }],
    ["app@sha256:abc", { repository: "app", digest: "sha256:abc" }],
  ])("%s", (reference, parts) => {
    expect(splitImageReference(reference)).toEqual(parts);
  });
});
