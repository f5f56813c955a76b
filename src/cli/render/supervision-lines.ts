/**
 * Status changes and the supervisor's reports as lines: `web-1: starting →
 * healthy`, `web-1 is unhealthy: restarting in 2s unless it recovers
 * (attempt 2/5)`, and a crash loop explained with its last exit code,
 * health output and log lines.
 */
import { formatMs } from "../../base/duration-text.js";
import { logTailReport } from "../../base/log-tail.js";
import type { StackEventOf, SupervisionReport } from "../../events/stack-event.js";
import { formatStatus } from "../../events/status.js";

/** `web-1: unhealthy → restarting`: a status change as a line. */
export function transitionLine(event: StackEventOf<"status">): string {
  const to = formatStatus({ state: event.to, ...(event.exitCode === undefined ? {} : { exitCode: event.exitCode }), ...(event.detail === undefined ? {} : { detail: event.detail }) });
  return `${event.service}-${event.replica}: ${event.from} → ${to}`;
}

/** A crash loop, stopped and explained (several lines). */
function crashLoopText(report: Extract<SupervisionReport, { readonly action: "crash-loop" }>): string {
  const name = `${report.service}-${report.replica}`;
  if (report.error !== undefined) return `${name} is crash-looping (${report.reason}); stopping it failed: ${report.error}`;
  const lines = [`${name} is crash-looping (${report.reason}): stopped it; \`tsd up\` or \`tsd start ${report.service}\` tries again`];
  lines.push(`  last exit code: ${report.lastExitCode ?? "none (it was running)"}`);
  if (report.lastHealthOutput !== undefined) lines.push(`  last health check output: ${report.lastHealthOutput || "(none)"} (exit ${report.lastHealthExitCode ?? "?"})`);
  if (report.outOfMemory) lines.push("  it was killed for running out of memory");
  lines.push(...logTailReport(report.logLines));
  return lines.join("\n");
}

/** A supervisor's report as text (a crash loop's is several lines). */
export function supervisionText(report: SupervisionReport): string {
  switch (report.action) {
    case "following":
      return "supervising: following the engine's events";
    case "out-of-memory":
      return `${report.service}-${report.replica} ran out of memory (the kernel killed it)`;
    case "restart-scheduled":
      return `${report.service}-${report.replica} is unhealthy: restarting in ${formatMs(report.delayMs)} unless it recovers (attempt ${report.attempt}/${report.maxRestarts})`;
    case "restarting":
      return `restarting ${report.service}-${report.replica} (unhealthy)`;
    case "restart-failed":
      return `could not restart ${report.service}-${report.replica}: ${report.error}`;
    case "crash-loop":
      return crashLoopText(report);
    case "dependent-restarting":
      return `restarting ${report.service}-${report.replica}: its dependency ${report.dependencies.join(", ")} restarted`;
    case "dependents-failed":
      return `restarting the dependents of ${report.service} failed: ${report.error}`;
    case "events-interrupted":
      return `engine events interrupted (${report.error}); reading again`;
    case "stopped":
      return `supervision stopped: ${report.error}`;
  }
}
