/**
 * `tsd down`: stop and remove the project's containers and networks;
 * volumes and data containers only with -v.
 */
import { UsageError } from "../../base/errors.js";
import { CommandRenderer } from "../render/command-renderer.js";
import type { ProgressMode } from "../render/progress.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd down`. */
export interface DownFlags extends StackOptions {
  readonly volumes?: boolean;
  readonly rmi?: string;
  readonly removeOrphans?: boolean;
  readonly timeout?: string;
  readonly progress: ProgressMode;
}

/** Runs `tsd down`. */
export async function runDown(flags: DownFlags): Promise<void> {
  if (flags.rmi !== undefined && flags.rmi !== "local" && flags.rmi !== "all") throw new UsageError(`--rmi ${flags.rmi}: expected local or all`);
  const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 0)) throw new UsageError(`--timeout ${flags.timeout}: expected whole seconds`);
  const renderer = new CommandRenderer({ progress: flags.progress, nothingToDo: "nothing to do: nothing of this project is on the engine", cwd: process.cwd() });
  const session = await openSession(flags, [], { json: flags.progress === "json", onEvent: renderer.onEvent });
  const plan = {
    volumes: flags.volumes ?? false,
    removeOrphans: flags.removeOrphans ?? false,
    ...(flags.rmi === "local" || flags.rmi === "all" ? { removeImages: flags.rmi as "local" | "all" } : {}),
    ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
  };
  try {
    await session.down({ plan });
    await renderer.progress.end();
  } catch (error) {
    await renderer.progress.end(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
