/**
 * `--timings`: the critical chain as text, one line per step, each with
 * when it began (from the chain's start) and how long it took.
 */
import { formatMs } from "../../base/duration-text.js";
import type { CriticalChain } from "../../plan/critical-chain.js";
import { formatTable } from "./table.js";

/** The chain for a terminal; `recordedAt` says which run an estimate leans on. */
export function formatCriticalChain(chain: CriticalChain, recordedAt?: number): string {
  if (chain.links.length === 0) {
    return chain.source === "measured" ? "critical chain: no step ran\n" : "critical chain: the plan has no step\n";
  }
  const heading =
    chain.source === "measured"
      ? `critical chain (measured): ${formatMs(Math.round(chain.totalMs))}, ${chain.links.length} steps`
      : `critical chain (estimated from the last run${recordedAt === undefined ? "" : `, ${new Date(recordedAt).toISOString()}`}): ${formatMs(Math.round(chain.totalMs))}, ${chain.links.length} steps`;
  const rows = chain.links.map((link) => [
    `+${formatMs(Math.round(link.offsetMs))}`,
    link.step.action,
    link.step.target,
    link.durationMs === undefined ? "?" : formatMs(Math.round(link.durationMs)),
    link.queuedMs >= 10 ? `(ready ${formatMs(Math.round(link.queuedMs))} before it began)` : "",
  ]);
  const table = formatTable(["at", "step", "on", "took", ""], rows).split("\n").map((line) => (line ? `  ${line}` : line)).join("\n");
  const unknown = chain.unknownSteps > 0 ? `  (${chain.unknownSteps} step${chain.unknownSteps === 1 ? "" : "s"} never measured: counted as 0)\n` : "";
  return `${heading}\n${table}${unknown}`;
}
