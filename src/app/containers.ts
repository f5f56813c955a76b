/**
 * The verbs of a container target (`stop`, `exec`, `cp`, `stats`, …), as
 * the clients see them. Only the single engine has containers to exec into
 * or copy from; on another target these verbs say so instead of guessing.
 * The input syntaxes they take (`SERVICE:PATH`, a port, an image name) are
 * parsed here too, so a client reads them the way the verbs mean them.
 */
import { UsageError } from "../base/errors.js";
import type { DockerVerbs } from "../targets/docker/verbs/verbs.js";
import type { DockerTarget } from "../targets/docker/target.js";
import type { AnyTarget, StackContext } from "./context.js";

export type { DockerVerbs as ContainerVerbs } from "../targets/docker/verbs/verbs.js";
export type { ContainerStatsRow, ContainerTop } from "../targets/docker/verbs/verbs.js";
export type { ContainerImage } from "../targets/docker/verbs/project-images.js";
export type { ContainerInspection, ServiceInspection } from "../targets/docker/verbs/service-inspection.js";
export type { ExecRequest } from "../targets/docker/verbs/exec.js";
export type { CopyRequest } from "../targets/docker/verbs/cp-paths.js";
export type { RemoveOutcome } from "../targets/docker/verbs/lifecycle.js";
export type { PortProtocol } from "../targets/docker/verbs/published-port.js";
export type { CommitSpec, ExecSpec, ObservedMount } from "../targets/docker/verbs/verbs.js";
export { parseCopyArguments } from "../targets/docker/verbs/cp-paths.js";
export { parsePrivatePort } from "../targets/docker/verbs/published-port.js";
export { parseImageReference } from "../targets/docker/verbs/commit.js";
export { parseBuildArgs } from "../targets/docker/images/build.js";
export { parseUpdateFlags, type UpdateFlagValues } from "../targets/docker/verbs/update.js";

/** The single-engine target, or a usage error naming the verb: attached runs, `run` and the watch loop need containers. */
export function dockerOnly(target: AnyTarget, verb: string): DockerTarget {
  if (target.name !== "docker") throw new UsageError(`tsd ${verb} needs a single engine (--target docker); the ${target.name} target runs services, not containers`, "run it with --target docker");
  return target;
}

/** The container verbs of the session's target; a usage error on a target without containers. */
export async function containerVerbs(context: StackContext, verb: string): Promise<DockerVerbs> {
  const target = await context.target();
  if (target.name !== "docker") throw new UsageError(`tsd ${verb} acts on containers, which the ${target.name} target does not expose`, "run it against a single engine (--target docker)");
  return target.verbs;
}
export { withEnvironmentEntries } from "../targets/docker/verbs/run-spec.js";
