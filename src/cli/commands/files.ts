/**
 * `tsd cp`, `tsd export`, `tsd commit`: a service container's files.
 */
import { UsageError } from "../../base/errors.js";
import { containerVerbs, parseCopyArguments, parseImageReference } from "../../app/containers.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";
import { parseIndex } from "../flags/replica-index.js";

/** Flags of `tsd cp`. */
export interface CopyFlags extends StackOptions {
  readonly index: string;
  readonly archive?: boolean;
  readonly followLink?: boolean;
  readonly quiet?: boolean;
}

/** Runs `tsd cp SOURCE DESTINATION`. */
export async function runCopy(source: string, destination: string, flags: CopyFlags): Promise<void> {
  const request = parseCopyArguments(source, destination);
  const index = parseIndex(flags.index);
  const service = request.direction === "from-container" ? request.source.service : request.destination.service;
  const session = await openSession(flags, [service]);
  const summary = await (await containerVerbs(session, "cp")).copy(session.project, request, { index, archive: flags.archive === true, followLink: flags.followLink === true, cwd: process.cwd() });
  // On stderr, like docker cp's "Successfully copied": stdout stays clean for scripts.
  if (!flags.quiet) process.stderr.write(`${summary}\n`);
}

/** Flags of `tsd export`. */
export interface ExportFlags extends StackOptions {
  readonly index: string;
  readonly output?: string;
}

/** Runs `tsd export SERVICE`. */
export async function runExport(service: string, flags: ExportFlags): Promise<void> {
  const index = parseIndex(flags.index);
  if (flags.output === undefined && process.stdout.isTTY) {
    throw new UsageError("refusing to write a tar archive to a terminal", "use -o FILE or redirect stdout: tsd export web > web.tar");
  }
  const session = await openSession(flags, [service]);
  await (await containerVerbs(session, "export")).exportFilesystem(session.project, service, index, flags.output ?? process.stdout);
}

/** Flags of `tsd commit`. */
export interface CommitFlags extends StackOptions {
  readonly index: string;
  readonly message?: string;
  readonly author?: string;
  readonly change: string[];
  /** commander's `--no-pause`: false when given. */
  readonly pause: boolean;
}

/** Runs `tsd commit SERVICE IMAGE[:TAG]`; prints the image ID. */
export async function runCommit(service: string, image: string, flags: CommitFlags): Promise<void> {
  const index = parseIndex(flags.index);
  const { repository, tag } = parseImageReference(image);
  const session = await openSession(flags, [service]);
  const imageId = await (await containerVerbs(session, "commit")).commit(session.project, service, index, {
    repository,
    tag,
    ...(flags.message !== undefined ? { message: flags.message } : {}),
    ...(flags.author !== undefined ? { author: flags.author } : {}),
    changes: flags.change,
    pause: flags.pause,
  });
  process.stdout.write(`${imageId}\n`);
}
