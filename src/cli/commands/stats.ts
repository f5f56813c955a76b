/**
 * `tsd stats`: CPU, memory, network, block I/O and PIDs per running
 * container, the columns and figures of `docker stats`. `--no-stream` prints
 * one sample; otherwise the table is redrawn every second until Ctrl-C.
 */
import { type ContainerStatsRow, containerVerbs } from "../../app/containers.js";
import { untilInterrupted } from "../interrupt.js";
import { binarySize, decimalSize } from "../render/byte-size.js";
import { formatTable } from "../render/table.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd stats`. */
export interface StatsFlags extends StackOptions {
  readonly stream?: boolean;
  readonly format: "table" | "json";
}

type StatsRow = ContainerStatsRow;

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

/** Runs `tsd stats`. */
export async function runStats(services: readonly string[], flags: StatsFlags): Promise<void> {
  const session = await openSession(flags, services);
  const verbs = await containerVerbs(session, "stats");
  if (flags.stream === false) {
    const rows = await verbs.stats(session.project, services);
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(rows, null, 2)}\n` : statsTable(rows));
    return;
  }
  const latest = new Map<string, StatsRow>();
  const redraw = process.stdout.isTTY === true && flags.format === "table";
  const print = (): void => {
    // By name, as the containers are listed.
    const rows = [...latest.values()].sort((a, b) => a.name.localeCompare(b.name));
    if (flags.format === "json") process.stdout.write(`${JSON.stringify(rows)}\n`);
    else process.stdout.write(`${redraw ? CLEAR_SCREEN : ""}${statsTable(rows)}${redraw ? "" : "\n"}`);
  };
  const timer = setInterval(print, REFRESH_MS);
  try {
    await untilInterrupted((signal) =>
      verbs.streamStats(session.project, services, signal, (containerId, row) => {
        // A stopped container leaves the table, as in `docker stats`.
        if (row) latest.set(containerId, row);
        else latest.delete(containerId);
      }),
    );
  } finally {
    clearInterval(timer);
  }
}
