/**
 * Warnings for settings that validate but have no effect on a single engine.
 */
import { formatPath } from "../../base/errors.js";
import type { StackFile } from "../schema.js";

const SWARM_ONLY_DEPLOY_KEYS = ["endpoint_mode", "labels", "mode", "placement", "rollback_config", "update_config"] as const;
const SWARM_ONLY_RESTART_KEYS = ["delay", "window"] as const;
const SWARM_ONLY_FILE_OBJECT_KEYS = ["driver", "driver_opts", "template_driver"] as const;

function swarmOnly(path: readonly (string | number)[]): string {
  return `${formatPath(path)} is used only in Swarm mode; tsd ignores it on a single engine`;
}

/** One warning per Swarm-only setting, in a stable order. */
export function swarmOnlyWarnings(stackFile: StackFile): string[] {
  const warnings: string[] = [];
  for (const [name, service] of Object.entries(stackFile.services ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const deploy = service.deploy;
    if (!deploy) continue;
    for (const key of SWARM_ONLY_DEPLOY_KEYS) {
      // `mode: replicated` is the single-engine behaviour too.
      if (deploy[key] !== undefined && !(key === "mode" && deploy.mode === "replicated")) warnings.push(swarmOnly(["services", name, "deploy", key]));
    }
    for (const key of SWARM_ONLY_RESTART_KEYS) {
      if (deploy.restart_policy?.[key] !== undefined) warnings.push(swarmOnly(["services", name, "deploy", "restart_policy", key]));
    }
    if (deploy.resources?.reservations?.generic_resources !== undefined) {
      warnings.push(swarmOnly(["services", name, "deploy", "resources", "reservations", "generic_resources"]));
    }
  }
  for (const kind of ["secrets", "configs"] as const) {
    for (const [name, object] of Object.entries(stackFile[kind] ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const key of SWARM_ONLY_FILE_OBJECT_KEYS) {
        if (object[key] !== undefined) warnings.push(swarmOnly([kind, name, key]));
      }
    }
  }
  return warnings;
}
