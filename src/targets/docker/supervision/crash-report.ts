/**
 * A crash-looping container is stopped and explained: why tsd gave up, its
 * last exit code, what its health check last said and its last log lines,
 * so the user can see the cause without another command.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { SupervisionReport } from "../../../events/stack-event.js";
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

/** Stops the container and says why, with what explains the crash loop; a failure to stop it is in the report too. */
export async function crashLoopReport(engine: Engine, crash: CrashLoop): Promise<SupervisionReport> {
  const base = { action: "crash-loop", service: crash.service, replica: crash.replica, reason: crash.reason } as const;
  try {
    // Read before stopping: the stop's own exit code and log lines would hide the ones that matter.
    const details = await engine.inspectContainerDetails(crash.containerId);
    const logLines = await lastLogLines(engine, crash.containerId);
    await engine.stopContainer(crash.containerId);
    const exitCode = crash.lastExitCode ?? (details?.container.state === "running" ? undefined : details?.container.exitCode);
    const probe = details?.healthLog.at(-1);
    return {
      ...base,
      ...(exitCode === undefined ? {} : { lastExitCode: exitCode }),
      ...(probe ? { lastHealthOutput: probe.output.trim(), lastHealthExitCode: probe.exitCode } : {}),
      outOfMemory: details?.oomKilled === true,
      logLines,
    };
  } catch (error) {
    return { ...base, outOfMemory: false, logLines: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** The container's last few output lines (stdout and stderr, in order). */
export async function lastLogLines(engine: Engine, containerId: string): Promise<string[]> {
  const splitter = new LineSplitter();
  const lines: string[] = [];
  for await (const chunk of engine.logs(containerId, { follow: false, tail: LOG_LINES, timestamps: false })) lines.push(...splitter.push(chunk.text));
  lines.push(...splitter.flush());
  return lines.slice(-LOG_LINES);
}
