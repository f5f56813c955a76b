/**
 * `tsd build`, `tsd pull`, `tsd push`: flags to options, the stack opened
 * (service names checked before any engine call), events to stderr.
 */
import { parseBuildArgs } from "../../app/containers.js";
import { buildImages, pullImages, pushImages } from "../../app/images.js";
import type { ImageReport } from "../../events/stack-event.js";
import { imageEventPrinter } from "../render/image-events.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd build`; commander turns `--no-cache` into `cache: false`. */
export interface BuildFlags extends StackOptions {
  readonly cache: boolean;
  readonly pull?: boolean;
  readonly buildArg: string[];
  readonly quiet?: boolean;
}

/** Flags of `tsd pull`. */
export interface PullFlags extends StackOptions {
  readonly ignorePullFailures?: boolean;
  readonly includeDeps?: boolean;
  readonly quiet?: boolean;
}

/** Flags of `tsd push`. */
export interface PushFlags extends StackOptions {
  readonly ignorePushFailures?: boolean;
  readonly quiet?: boolean;
}

/** Image events to stderr; `-q` keeps only notes, warnings and errors. */
function printer(flags: { readonly quiet?: boolean }, done: string, unnamedSkips: boolean): (report: ImageReport) => void {
  return imageEventPrinter(process.stderr, { quiet: flags.quiet ?? false, done, unnamedSkips });
}

/** The stack opened with image events going to `print`. */
function open(flags: StackOptions, services: readonly string[], print: (report: ImageReport) => void) {
  return openSession(flags, services, { onEvent: (event) => event.type === "image" && print(event) });
}

/** Runs `tsd build`. */
export async function runBuild(services: readonly string[], flags: BuildFlags): Promise<void> {
  const buildArgs = parseBuildArgs(flags.buildArg);
  const session = await open(flags, services, printer(flags, "built", false));
  await buildImages(session, { services, noCache: !flags.cache, pull: flags.pull ?? false, buildArgs });
}

/** Runs `tsd pull`. */
export async function runPull(services: readonly string[], flags: PullFlags): Promise<void> {
  const session = await open(flags, services, printer(flags, "pulled", true));
  await pullImages(session, { services, includeDeps: flags.includeDeps ?? false, ignorePullFailures: flags.ignorePullFailures ?? false });
}

/** Runs `tsd push`. */
export async function runPush(services: readonly string[], flags: PushFlags): Promise<void> {
  const session = await open(flags, services, printer(flags, "pushed", true));
  await pushImages(session, { services, ignorePushFailures: flags.ignorePushFailures ?? false });
}
