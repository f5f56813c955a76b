/**
 * What a target cannot honour in a stack, without connecting to it: the
 * warnings `config`, `audit` and every engine verb print for the target in
 * use. Only the target's pure check is loaded here, never its engine adapter.
 */
import type { Project } from "../project/project.js";
import { singleEngineWarnings } from "../targets/docker/check.js";
import type { TargetName } from "../targets/target.js";

/** The target's warnings about `project`. */
export function targetWarnings(target: TargetName, project: Project): string[] {
  switch (target) {
    case "docker":
      return singleEngineWarnings(project.stack);
    case "swarm":
      return [];
  }
}
