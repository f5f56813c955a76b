/**
 * `tsd exec`: flags → an exec request; the command's exit code becomes tsd's.
 */
import { containerVerbs, withEnvironmentEntries } from "../../app/containers.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";
import { parseIndex } from "../flags/replica-index.js";
import { attachProcessStreams, wantsTty } from "../terminal.js";

/** Flags of `tsd exec`. */
export interface ExecFlags extends StackOptions {
  readonly detach?: boolean;
  /** commander's `-T, --no-TTY`: false when given. */
  readonly TTY: boolean;
  readonly env: string[];
  readonly user?: string;
  readonly workdir?: string;
  readonly index: string;
  readonly privileged?: boolean;
}

/** Runs `tsd exec SERVICE COMMAND…`. */
export async function runExec(service: string, command: readonly string[], flags: ExecFlags): Promise<void> {
  const index = parseIndex(flags.index);
  const session = await openSession(flags, [service]);
  const verbs = await containerVerbs(session, "exec");
  const detach = flags.detach === true;
  const tty = !detach && wantsTty(!flags.TTY);
  const attachment = attachProcessStreams({ tty, stdin: !detach });
  try {
    process.exitCode = await verbs.exec(
      session.project,
      {
        service,
        index,
        detach,
        spec: {
          cmd: command,
          env: withEnvironmentEntries([], flags.env, process.env),
          ...(flags.user !== undefined ? { user: flags.user } : {}),
          ...(flags.workdir !== undefined ? { workingDir: flags.workdir } : {}),
          privileged: flags.privileged === true,
          tty,
          stdin: !detach,
        },
      },
      attachment.streams,
    );
  } finally {
    attachment.restore();
  }
}
