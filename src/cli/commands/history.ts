/**
 * `tsd history SERVICE|IMAGE`: the steps an image was built from, newest
 * first, as `docker history` shows them (a service name stands for the
 * image it runs).
 */
import { imageHistory, type ImageLayer } from "../../app/history.js";
import { decimalSize } from "../render/byte-size.js";
import { formatTable } from "../render/table.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd history`. */
export interface HistoryFlags extends StackOptions {
  readonly format: "table" | "json";
  /** `--no-trunc` sets this to false. */
  readonly trunc?: boolean;
  readonly quiet?: boolean;
}

/** Width of the CREATED BY column unless `--no-trunc`, as docker's. */
const CREATED_BY_WIDTH = 45;

/** Runs `tsd history`. */
export async function runHistory(subject: string, flags: HistoryFlags): Promise<void> {
  const session = await openSession(flags, []);
  const history = await imageHistory(session, subject);
  if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
    return;
  }
  const truncate = flags.trunc ?? true;
  if (flags.quiet) {
    process.stdout.write(history.layers.map((layer) => `${shortId(layer.id, truncate)}\n`).join(""));
    return;
  }
  const now = Date.now();
  const rows = history.layers.map((layer) => [shortId(layer.id, truncate), ago(layer, now), createdBy(layer.createdBy, truncate), decimalSize(layer.sizeBytes), layer.comment]);
  process.stdout.write(formatTable(["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"], rows));
}

function shortId(id: string, truncate: boolean): string {
  return truncate && id.startsWith("sha256:") ? id.slice(7, 19) : id;
}

/** The step as docker words it: `#(nop)` steps are metadata, the others ran a shell. */
function createdBy(step: string, truncate: boolean): string {
  const oneLine = step.replace(/[\r\n\t]+/g, " ").trim();
  return truncate && oneLine.length > CREATED_BY_WIDTH ? `${oneLine.slice(0, CREATED_BY_WIDTH - 1)}…` : oneLine;
}

/** `3 minutes ago`, `2 days ago`, as docker's CREATED column. */
function ago(layer: ImageLayer, now: number): string {
  const seconds = Math.max(0, Math.round(now / 1000 - layer.created));
  const units: readonly [number, string][] = [
    [365 * 86_400, "year"],
    [30 * 86_400, "month"],
    [7 * 86_400, "week"],
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${name}${count === 1 ? "" : "s"} ago`;
  }
  return seconds < 1 ? "Less than a second ago" : seconds === 1 ? "1 second ago" : `${seconds} seconds ago`;
}
