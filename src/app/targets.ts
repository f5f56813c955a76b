/**
 * Opening a target on the real engine the environment names, its adapter
 * (and so dockerode) loaded only when a use case first needs the engine.
 */
import { UsageError } from "../base/errors.js";
import type { TargetOpener } from "./context.js";

/** The opener of the real targets. */
export function realTargetOpener(environment: Readonly<Record<string, string | undefined>>): TargetOpener {
  return async (name, emit, clock) => {
    if (name !== "docker") throw new UsageError(`target ${name} is not available yet`, "use --target docker");
    const { openDockerTarget } = await import("../targets/docker/connect.js");
    return openDockerTarget(environment, emit, clock);
  };
}
