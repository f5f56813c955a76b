/**
 * A stats sample → the figures `docker stats` shows, computed exactly as the
 * docker CLI computes them (cli/command/container/stats_helpers.go), so tsd
 * and docker agree on the same container.
 */
import type { ContainerStatsSample } from "../../../docker-api/operations/monitoring.js";

/** What one row of `tsd stats` shows, in plain numbers. */
export interface ContainerUsage {
  /** Share of one CPU × 100: 200 means two CPUs fully used. */
  readonly cpuPercent: number;
  /** Without the page cache the kernel can reclaim (inactive files). */
  readonly memoryUsageBytes: number;
  readonly memoryLimitBytes: number;
  readonly memoryPercent: number;
  readonly networkRxBytes: number;
  readonly networkTxBytes: number;
  readonly blockReadBytes: number;
  readonly blockWriteBytes: number;
  readonly pids: number;
}

/**
 * CPU: the container's CPU time since the previous reading over the host's,
 * times the online CPUs (or, from older engines, the per-CPU counters).
 */
function cpuPercent(sample: ContainerStatsSample): number {
  const cpuDelta = sample.cpu.totalUsage - sample.previousCpu.totalUsage;
  const systemDelta = sample.cpu.systemUsage - sample.previousCpu.systemUsage;
  const onlineCpus = sample.cpu.onlineCpus || sample.cpu.perCpuUsageCount;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;
}

/**
 * Memory without reclaimable cache, as cadvisor and containerd count it:
 * usage minus `total_inactive_file` on cgroup v1, minus `inactive_file` on v2.
 */
function memoryUsage(memory: ContainerStatsSample["memory"]): number {
  const cgroupV1 = memory.counters.total_inactive_file;
  if (cgroupV1 !== undefined && cgroupV1 < memory.usageBytes) return memory.usageBytes - cgroupV1;
  const cgroupV2 = memory.counters.inactive_file ?? 0;
  if (cgroupV2 < memory.usageBytes) return memory.usageBytes - cgroupV2;
  return memory.usageBytes;
}

/** The figures of one sample. */
export function containerUsage(sample: ContainerStatsSample): ContainerUsage {
  const memoryUsageBytes = memoryUsage(sample.memory);
  const limit = sample.memory.limitBytes;
  const networks = Object.values(sample.networks);
  // Only the first letter of the operation counts: engines report both "Read" and "read".
  const blockBytes = (initial: string) =>
    sample.blockIo.filter((entry) => entry.op.charAt(0).toLowerCase() === initial).reduce((sum, entry) => sum + entry.bytes, 0);
  return {
    cpuPercent: cpuPercent(sample),
    memoryUsageBytes,
    memoryLimitBytes: limit,
    memoryPercent: limit !== 0 ? (memoryUsageBytes / limit) * 100 : 0,
    networkRxBytes: networks.reduce((sum, network) => sum + network.rxBytes, 0),
    networkTxBytes: networks.reduce((sum, network) => sum + network.txBytes, 0),
    blockReadBytes: blockBytes("r"),
    blockWriteBytes: blockBytes("w"),
    pids: sample.pids,
  };
}
