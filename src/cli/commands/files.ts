/**
 * `tsd cp`, `tsd export`, `tsd commit`: a service container's files.
 */
import { UsageError } from "../../base/errors.js";
import { commitService, parseImageReference } from "../../targets/docker/verbs/commit.js";
import { copyFiles } from "../../targets/docker/verbs/cp.js";
import { parseCopyArguments } from "../../targets/docker/verbs/cp-paths.js";
import { exportService } from "../../targets/docker/verbs/export.js";
import { openStack } from "../../app/session.js";
import type { StackOptions } from "../stack-options.js";
import { verbContext } from "../verb-context.js";
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
  const { project, engine } = await openStack(await verbContext(flags), [service]);
  const summary = await copyFiles(engine, project, request, { index, archive: flags.archive === true, followLink: flags.followLink === true, cwd: process.cwd() });
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
  const { project, engine } = await openStack(await verbContext(flags), [service]);
  await exportService(engine, project, service, index, flags.output ?? process.stdout);
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
  const { project, engine } = await openStack(await verbContext(flags), [service]);
  const imageId = await commitService(engine, project, service, index, {
    repository,
    tag,
    ...(flags.message !== undefined ? { message: flags.message } : {}),
    ...(flags.author !== undefined ? { author: flags.author } : {}),
    changes: flags.change,
    pause: flags.pause,
  });
  process.stdout.write(`${imageId}\n`);
}
