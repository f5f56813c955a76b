/**
 * `tsd stats`: CPU, memory, network, block I/O and PIDs per running
 * container, the columns and figures of `docker stats`. `--no-stream` prints
 * one sample; otherwise the table is redrawn every second until Ctrl-C.
 */
import type { Engine } from "../../docker-api/engine.js";
import type { ObservedContainer } from "../../docker-api/types.js";
import { type ContainerUsage, containerUsage } from "../../targets/docker/verbs/container-usage.js";
import { openStack } from "../../app/session.js";
import { containersByService, servicesInOrder } from "../../targets/docker/verbs/containers.js";
import type { StackOptions } from "../stack-options.js";
import { formatTable } from "../render/table.js";
import { verbContext } from "../verb-context.js";
import { binarySize, decimalSize } from "../render/byte-size.js";
import { untilInterrupted } from "../interrupt.js";

/** Flags of `tsd stats`. */
export interface StatsFlags extends StackOptions {
  readonly stream?: boolean;
  readonly format: "table" | "json";
}

/** One container's figures, as `--format json` prints them. */
interface StatsRow extends ContainerUsage {
  readonly id: string;
  readonly name: string;
}

const REFRESH_MS = 1000;
const CLEAR_SCREEN = "\u001b[2J\u001b[H";

function percent(value: number): string {
  return `${value.toFixed(2)}%`;
}

function statsTable(rows: readonly StatsRow[]): string {
  return formatTable(
    ["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"],
    rows.map((row) => [
      row.id.slice(0, 12),
      row.name,
      percent(row.cpuPercent),
      `${binarySize(row.memoryUsageBytes)} / ${binarySize(row.memoryLimitBytes)}`,
      percent(row.memoryPercent),
      `${decimalSize(row.networkRxBytes)} / ${decimalSize(row.networkTxBytes)}`,
      `${decimalSize(row.blockReadBytes)} / ${decimalSize(row.blockWriteBytes)}`,
      String(row.pids),
    ]),
  );
}

/** Running (and paused) containers of the services, by name. */
function measuredContainers(groups: readonly { readonly containers: readonly ObservedContainer[] }[]): ObservedContainer[] {
  return groups
    .flatMap((group) => group.containers)
    .filter((container) => container.state === "running" || container.state === "paused")
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Runs `tsd stats`. */
export async function runStats(services: readonly string[], flags: StatsFlags): Promise<void> {
  const { project, engine } = await openStack(await verbContext(flags), services);
  const containers = measuredContainers(await containersByService(engine, project, servicesInOrder(project, services, "dependencies-first")));
  if (flags.stream === false) {
    const rows = await Promise.all(containers.map(async (container) => ({ id: container.id, name: container.name, ...containerUsage(await engine.containerStats(container.id)) })));
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(rows, null, 2)}\n` : statsTable(rows));
    return;
  }
  await untilInterrupted((signal) => streamStats(engine, containers, flags.format, signal));
}

/** Follows every container's stats, printing the latest figures every second until all streams end or the signal aborts. */
async function streamStats(engine: Engine, containers: readonly ObservedContainer[], format: StatsFlags["format"], signal: AbortSignal): Promise<void> {
  const latest = new Map<string, StatsRow>();
  const redraw = process.stdout.isTTY === true && format === "table";
  const print = (): void => {
    const rows = containers.flatMap((container) => latest.get(container.id) ?? []);
    if (format === "json") process.stdout.write(`${JSON.stringify(rows)}\n`);
    else process.stdout.write(`${redraw ? CLEAR_SCREEN : ""}${statsTable(rows)}${redraw ? "" : "\n"}`);
  };
  const timer = setInterval(print, REFRESH_MS);
  try {
    await Promise.all(
      containers.map(async (container) => {
        for await (const sample of engine.streamContainerStats(container.id, signal)) {
          latest.set(container.id, { id: container.id, name: container.name, ...containerUsage(sample) });
        }
        // A stopped container leaves the table, as in `docker stats`.
        latest.delete(container.id);
      }),
    );
  } finally {
    clearInterval(timer);
  }
}
