/**
 * The use cases on the engine's objects: `attach`, `diff`, the stack's
 * images (`tag`, `rmi`, `save`), its volumes and networks, and the verbs
 * that need an engine but no stack (`load`, `import`, `search`, `login`,
 * `logout`, `version`). Only the single engine has them; on another target
 * they say so instead of guessing.
 */
import { type Clock, systemClock } from "../base/clock.js";
import { EngineUnavailableError, UsageError } from "../base/errors.js";
import type { EventSink } from "../events/stack-event.js";
import type { DockerObjectVerbs, EngineVersion } from "../targets/docker/verbs/object-verbs.js";
import type { TargetName } from "../targets/target.js";
import type { StackContext, TargetOpener } from "./context.js";
import { realTargetOpener } from "./targets.js";

export type {
  AttachOutcome,
  AttachRequest,
  EngineVersion,
  FilesystemChange,
  LoginOutcome,
  LoginRequest,
  NetworkInspection,
  NetworkRow,
  RemovedImage,
  SearchResult,
  VolumeInspection,
  VolumeRow,
} from "../targets/docker/verbs/object-verbs.js";
export { DEFAULT_DETACH_KEYS, parseDetachKeys } from "../base/detach-keys.js";

/** The object verbs of the session's target; a usage error on a target without them. */
export async function objectVerbs(context: StackContext, verb: string): Promise<DockerObjectVerbs> {
  const target = await context.target();
  if (target.name !== "docker") throw new UsageError(`tsd ${verb} works on one engine's objects, which the ${target.name} target does not expose`, "run it against a single engine (--target docker)");
  return target.objects;
}

/** How a verb without a stack finds its engine (as `tsd ls`). */
export interface EngineRequest {
  readonly target: TargetName;
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly emit: EventSink;
  readonly openTarget?: TargetOpener;
  readonly clock?: Clock;
}

/** The object verbs of the engine the environment names, no stack loaded. */
export async function engineObjects(request: EngineRequest, verb: string): Promise<DockerObjectVerbs> {
  const open = request.openTarget ?? realTargetOpener(request.environment);
  const target = await open(request.target, request.emit, request.clock ?? systemClock, { allowUnsupported: false });
  if (target.name !== "docker") throw new UsageError(`tsd ${verb} needs a single engine (--target docker)`);
  return target.objects;
}

/** tsd's own version and where it runs. */
export interface ClientVersion {
  readonly version: string;
  readonly node: string;
  readonly os: string;
  readonly arch: string;
}

/** `tsd version`: tsd's part always; the engine's, or why it could not be asked. */
export interface Versions {
  readonly client: ClientVersion;
  readonly engine?: EngineVersion;
  /** Set when the engine did not answer. */
  readonly engineUnreachable?: string;
}

/** Asks the engine its version; an engine that does not answer is reported, not thrown. */
export async function versions(request: EngineRequest, client: ClientVersion): Promise<Versions> {
  const objects = await engineObjects(request, "version");
  try {
    return { client, engine: await objects.version() };
  } catch (error) {
    if (error instanceof EngineUnavailableError) return { client, engineUnreachable: error.message.split("\n")[0] ?? error.message };
    throw error;
  }
}
