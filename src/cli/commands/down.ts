/**
 * `tsd down`: stop and remove the project's containers and networks;
 * volumes and data containers only with -v.
 */
import { UsageError } from "../../base/errors.js";
import { down } from "../../app/orchestrator.js";
import { dockerConnector } from "../connect.js";
import { createProgress, type Progress, type ProgressMode } from "../render/choose.js";
import { type StackOptions, stackSelection } from "../stack-options.js";

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
  const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);
  let progress: Progress | undefined;
  try {
    await down(
      {
        ...stackSelection(flags),
        connect: await dockerConnector(warn),
        onWarning: warn,
        onEvent: (event) => progress?.onEvent(event),
        onLockWait: (pid) => process.stderr.write(`waiting for another tsd (pid ${pid}) working on this project…\n`),
      },
      {
        volumes: flags.volumes ?? false,
        removeOrphans: flags.removeOrphans ?? false,
        ...(flags.rmi === "local" || flags.rmi === "all" ? { removeImages: flags.rmi } : {}),
        ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
        onPlan: async (plan) => {
          if (plan.nodes.length === 0) process.stderr.write("nothing to do: nothing of this project is on the engine\n");
          progress = await createProgress(flags.progress, plan, process.stderr);
        },
      },
    );
    await progress?.end();
  } catch (error) {
    await progress?.end(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
