/**
 * `tsd logs`: the output of the services' containers, prefixed, stdout to
 * stdout and stderr to stderr; with `-f`, followed until every container has
 * stopped or Ctrl-C (exit 0; the stack keeps running).
 */
import { UsageError } from "../../base/errors.js";
import { parseLogTime } from "../flags/log-time.js";
import { parseIndex } from "../flags/index-flag.js";
import { untilInterrupted } from "../interrupt.js";
import { logPrinter } from "../render/log-printer.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd logs`. */
export interface LogsFlags extends StackOptions {
  readonly follow?: boolean;
  readonly tail?: string;
  readonly since?: string;
  readonly until?: string;
  readonly timestamps?: boolean;
  /** False with `--no-color`. */
  readonly color?: boolean;
  /** False with `--no-log-prefix`. */
  readonly logPrefix?: boolean;
  readonly index?: string;
}

/** `--tail`: a number of lines, or `all`. */
function parseTail(value: string | undefined): number | undefined {
  if (value === undefined || value === "all") return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--tail ${value}: expected a number of lines or "all"`);
  return Number(value);
}

/** Runs `tsd logs`. */
export async function runLogs(services: readonly string[], flags: LogsFlags): Promise<void> {
  const now = new Date();
  const tail = parseTail(flags.tail);
  const since = flags.since === undefined ? undefined : parseLogTime(flags.since, "--since", now);
  const until = flags.until === undefined ? undefined : parseLogTime(flags.until, "--until", now);
  const index = parseIndex(flags.index);
  let printer: ReturnType<typeof logPrinter> | undefined;
  const session = await openSession(flags, services, { onEvent: (event) => event.type === "log" && printer?.print(event) });
  const { stack } = session.project;
  printer = logPrinter({ projectName: stack.name, services: Object.keys(stack.services) }, { prefix: flags.logPrefix !== false, color: flags.color });
  const shown = printer;
  await untilInterrupted(async (signal) => {
    const following = await session.logs({
      services,
      follow: flags.follow === true,
      followNew: true,
      timestamps: flags.timestamps === true,
      signal,
      ...(index !== undefined ? { index } : {}),
      ...(tail !== undefined ? { tail } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
    });
    shown.align(following.sources);
    await following.done;
  });
}
