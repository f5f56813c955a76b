/**
 * Opening a target on the real engine the environment names, its adapter
 * (and so dockerode) loaded only when a use case first needs the engine.
 */
import { UsageError } from "../base/errors.js";
import type { TargetName, TargetOpener } from "./context.js";

/** The opener of the real targets. */
export function realTargetOpener(environment: Readonly<Record<string, string | undefined>>): TargetOpener {
  return async (name, emit, clock, options) => {
    switch (name) {
      case "docker": {
        const { openDockerTarget } = await import("../targets/docker/connect.js");
        return openDockerTarget(environment, emit, clock);
      }
      case "swarm": {
        const { openSwarmTarget } = await import("../targets/swarm/connect.js");
        return openSwarmTarget(environment, emit, clock, options.allowUnsupported);
      }
    }
  };
}

/** `--target`, else TSD_TARGET, else the single engine; anything else is a usage error. */
export function targetNameOf(flag: string | undefined, environment: Readonly<Record<string, string | undefined>>): TargetName {
  const name = flag ?? (environment.TSD_TARGET || undefined) ?? "docker";
  if (name === "docker" || name === "swarm") return name;
  throw new UsageError(`unknown target "${name}"${flag === undefined ? " (TSD_TARGET)" : ""}`, "use --target docker (one engine) or --target swarm (a swarm manager)");
}
