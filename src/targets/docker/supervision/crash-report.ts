/**
 * A crash-looping container is stopped and explained: why tsd gave up, its
 * last exit code, what its health check last said and its last log lines,
 * so the user can see the cause without another command.
 */
import type { Engine } from "../../../docker-api/engine.js";
import { LineSplitter } from "../verbs/log-lines.js";

/** Log lines shown with a crash-looping container. */
const LOG_LINES = 5;

/** Which container crash-loops and why. */
export interface CrashLoop {
  readonly containerId: string;
  readonly service: string;
  readonly replica: number;
  readonly reason: string;
  readonly lastExitCode?: number;
}

/** Stops the container and returns the explanation (several lines). */
export async function crashLoopReport(engine: Engine, crash: CrashLoop): Promise<string> {
  // Read before stopping: the stop's own exit code and log lines would hide the ones that matter.
  const details = await engine.inspectContainerDetails(crash.containerId);
  const lines = await lastLogLines(engine, crash.containerId);
  await engine.stopContainer(crash.containerId);
  const exitCode = crash.lastExitCode ?? (details?.container.state === "running" ? undefined : details?.container.exitCode);
  const probe = details?.healthLog.at(-1);
  const report = [`${crash.service}-${crash.replica} is crash-looping (${crash.reason}): stopped it; \`tsd up\` or \`tsd start ${crash.service}\` tries again`];
  report.push(`  last exit code: ${exitCode ?? "none (it was running)"}`);
  if (probe) report.push(`  last health check output: ${probe.output.trim() || "(none)"} (exit ${probe.exitCode})`);
  if (details?.oomKilled) report.push("  it was killed for running out of memory");
  report.push(...logTailReport(lines));
  return report.join("\n");
}

/** The last log lines as report lines, indented under a heading (or "no log output"). */
export function logTailReport(lines: readonly string[]): string[] {
  if (lines.length === 0) return ["  no log output"];
  return [`  last ${lines.length} log lines:`, ...lines.map((line) => `    ${line}`)];
}

/** The container's last few output lines (stdout and stderr, in order). */
export async function lastLogLines(engine: Engine, containerId: string): Promise<string[]> {
  const splitter = new LineSplitter();
  const lines: string[] = [];
  for await (const chunk of engine.logs(containerId, { follow: false, tail: LOG_LINES, timestamps: false })) lines.push(...splitter.push(chunk.text));
  lines.push(...splitter.flush());
  return lines.slice(-LOG_LINES);
}
