/**
 * `tsd build`, `tsd pull`, `tsd push`: flags to options, the stack opened
 * (service names checked before any engine call), events to stderr.
 */
import { buildServices, parseBuildArgs } from "../../targets/docker/images/build.js";
import type { ImageVerbListener } from "../../targets/docker/images/events.js";
import { credentialsLookup } from "../../docker-api/credentials.js";
import { pullServices } from "../../targets/docker/images/pull.js";
import { pushServices } from "../../targets/docker/images/push.js";
import { openStack } from "../../app/session.js";
import type { StackOptions } from "../stack-options.js";
import { verbContext } from "../verb-context.js";
import { imageEventPrinter } from "../render/image-events.js";

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

/** Events to stderr; `-q` keeps only notes, warnings and errors. */
function printer(flags: { readonly quiet?: boolean }, done: string, unnamedSkips: boolean): ImageVerbListener {
  return imageEventPrinter(process.stderr, { quiet: flags.quiet ?? false, done, unnamedSkips });
}

/** Runs `tsd build`. */
export async function runBuild(services: readonly string[], flags: BuildFlags): Promise<void> {
  const buildArgs = parseBuildArgs(flags.buildArg);
  const session = await openStack(await verbContext(flags), services);
  const onEvent = printer(flags, "built", false);
  await buildServices(session, { services, noCache: !flags.cache, pull: flags.pull ?? false, buildArgs, onEvent });
}

/** Runs `tsd pull`. */
export async function runPull(services: readonly string[], flags: PullFlags): Promise<void> {
  const session = await openStack(await verbContext(flags), services);
  const onEvent = printer(flags, "pulled", true);
  const ignorePullFailures = flags.ignorePullFailures ?? false;
  await pullServices(session, { services, includeDeps: flags.includeDeps ?? false, ignorePullFailures, credentials: credentialsLookup(), onEvent });
}

/** Runs `tsd push`. */
export async function runPush(services: readonly string[], flags: PushFlags): Promise<void> {
  const session = await openStack(await verbContext(flags), services);
  await pushServices(session, { services, ignorePushFailures: flags.ignorePushFailures ?? false, credentials: credentialsLookup(), onEvent: printer(flags, "pushed", true) });
}
