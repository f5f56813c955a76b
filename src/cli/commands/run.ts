/**
 * `tsd run`: flags → a one-off run; the process's exit code becomes tsd's.
 */
import { randomBytes } from "node:crypto";
import { UsageError } from "../../base/errors.js";
import { packageVersion } from "../wiring/options.js";
import { plainProgress } from "../render/plain.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";
import { attachProcessStreams, processInterrupts, wantsTty } from "../terminal.js";

/** Flags of `tsd run`. */
export interface RunFlags extends StackOptions {
  readonly rm?: boolean;
  /** commander's `--no-deps`: false when given. */
  readonly deps: boolean;
  readonly detach?: boolean;
  /** commander's `-T, --no-TTY`: false when given. */
  readonly TTY: boolean;
  readonly env: string[];
  readonly volume: string[];
  readonly publish: string[];
  readonly servicePorts?: boolean;
  readonly useAliases?: boolean;
  readonly entrypoint?: string;
  readonly name?: string;
  readonly user?: string;
  readonly workdir?: string;
}

/** Runs `tsd run SERVICE [COMMAND…]`. */
export async function runRun(service: string, command: readonly string[], flags: RunFlags): Promise<void> {
  const detach = flags.detach === true;
  if (flags.name !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(flags.name)) throw new UsageError(`--name ${flags.name}: not a valid container name ([a-zA-Z0-9][a-zA-Z0-9_.-]*)`);
  const tty = !detach && wantsTty(!flags.TTY);
  const progress = plainProgress(process.stderr);
  const session = await openSession(flags, [service], { onEvent: (event) => event.type === "step" && progress(event) });
  let attachment: ReturnType<typeof attachProcessStreams> | undefined;
  try {
    const outcome = await session.runOneOff(
      { service, noDeps: !flags.deps, detach, remove: flags.rm === true, overrides: {
        command,
        ...(flags.entrypoint !== undefined ? { entrypoint: flags.entrypoint } : {}),
        env: flags.env,
        volumes: flags.volume,
        publish: flags.publish,
        servicePorts: flags.servicePorts === true,
        useAliases: flags.useAliases === true,
        ...(flags.name !== undefined ? { name: flags.name } : {}),
        ...(flags.user !== undefined ? { user: flags.user } : {}),
        ...(flags.workdir !== undefined ? { workingDir: flags.workdir } : {}),
        tty,
        interactive: !detach,
        autoRemove: detach && flags.rm === true,
      } },
      {
        cwd: process.cwd(),
        environment: process.env,
        runId: randomBytes(6).toString("hex"),
        version: packageVersion(),
        // Attached only once the container exists: until then Ctrl-C simply ends tsd, and the terminal stays cooked.
        streams: () => {
          attachment ??= attachProcessStreams({ tty, stdin: !detach });
          return attachment.streams;
        },
        interrupts: processInterrupts,
      },
    );
    if (outcome.exitCode === undefined) process.stdout.write(`${outcome.containerName}\n`);
    else process.exitCode = outcome.exitCode;
  } finally {
    attachment?.restore();
  }
}
