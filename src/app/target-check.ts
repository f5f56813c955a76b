/**
 * What a target cannot honour in a stack, without connecting to it: the
 * warnings `config`, `audit` and every engine verb print for the target in
 * use. Only the target's pure check is loaded here, never its engine adapter.
 */
import type { Project } from "../project/project.js";
import { ConfigError } from "../base/errors.js";
import { singleEngineWarnings } from "../targets/docker/check.js";
import { type LocatePath, swarmCheck } from "../targets/swarm/check.js";
import type { TargetCheck, TargetName } from "../targets/target.js";

/** Where the project's paths were written (a freshly loaded project knows; a cached one does not). */
function locateOf(project: Project): LocatePath {
  return (project as Project & { readonly locate?: LocatePath }).locate ?? (() => undefined);
}

/** The target's pure check of `project`. */
export function targetCheck(target: TargetName, project: Project, allowUnsupported = false): TargetCheck {
  switch (target) {
    case "docker":
      return { warnings: singleEngineWarnings(project.stack), refusals: [] };
    case "swarm":
      return swarmCheck(project.stack, locateOf(project), allowUnsupported);
  }
}

/** The target's warnings about `project`. */
export function targetWarnings(target: TargetName, project: Project, allowUnsupported = false): string[] {
  return [...targetCheck(target, project, allowUnsupported).warnings];
}

/** Throws the target's refusals, located, before anything touches the engine. */
export function refuseUnsupported(target: TargetName, project: Project, allowUnsupported: boolean): void {
  const { refusals } = targetCheck(target, project, allowUnsupported);
  if (refusals.length > 0) throw new ConfigError(refusals);
}
