/**
 * `tsd attach` and `tsd diff`: one replica's main process and filesystem.
 */
import { objectVerbs } from "../../app/objects.js";
import { parseDetachKeys } from "../../app/objects.js";
import { parseIndex } from "../flags/replica-index.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";
import { attachProcessStreams, wantsTty } from "../terminal.js";

/** Flags of `tsd attach`. */
export interface AttachFlags extends StackOptions {
  readonly index: string;
  /** commander's `--no-stdin`: false when given. */
  readonly stdin: boolean;
  readonly detachKeys: string;
}

/** Runs `tsd attach SERVICE`: until the process stops (its exit code becomes tsd's) or the user detaches (0). */
export async function runAttach(service: string, flags: AttachFlags): Promise<void> {
  const index = parseIndex(flags.index);
  parseDetachKeys(flags.detachKeys);
  const session = await openSession(flags, [service]);
  const objects = await objectVerbs(session, "attach");
  const tty = wantsTty(false) && session.project.stack.services[service]?.tty === true;
  const attachment = attachProcessStreams({ tty, stdin: flags.stdin });
  try {
    const outcome = await objects.attach(session.project, { service, index, stdin: flags.stdin, detachKeys: flags.detachKeys }, attachment.streams);
    attachment.restore();
    if (outcome.ending === "detached") process.stderr.write(`detached from ${outcome.container} (still ${outcome.state})\n`);
    else process.exitCode = outcome.exitCode;
  } finally {
    attachment.restore();
  }
}

/** Flags of `tsd diff`. */
export interface DiffFlags extends StackOptions {
  readonly index: string;
  readonly format: "text" | "json";
}

/** Runs `tsd diff SERVICE`: one `A /path` line per change, as `docker diff`. */
export async function runDiff(service: string, flags: DiffFlags): Promise<void> {
  const index = parseIndex(flags.index);
  const session = await openSession(flags, [service]);
  const changes = await (await objectVerbs(session, "diff")).diff(session.project, service, index);
  if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(changes, null, 2)}\n`);
    return;
  }
  if (changes.length > 0) process.stdout.write(`${changes.map((change) => `${change.kind} ${change.path}`).join("\n")}\n`);
}
