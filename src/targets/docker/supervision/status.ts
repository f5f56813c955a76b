/**
 * A Docker container's status in tsd's words (events/status.ts), read from
 * an engine snapshot by one pure function, so `tsd ps`, the supervisor and
 * the progress of `up` always agree.
 */
import type { ObservedContainer } from "../../../docker-api/types.js";
import type { ServiceState } from "../../../events/status.js";

/**
 * The state a container is in, read from the engine alone. `oneShot`: a clean
 * exit means `completed` rather than `exited`.
 */
export function statusOf(container: ObservedContainer | undefined, oneShot: boolean): { readonly state: ServiceState; readonly exitCode?: number } {
  if (!container) return { state: "pending" };
  switch (container.state) {
    case "created":
      return { state: "pending" };
    case "restarting":
      return { state: "restarting" };
    case "running":
    case "paused":
      return { state: container.health === "healthy" ? "healthy" : container.health === "unhealthy" ? "unhealthy" : container.health === "starting" ? "starting" : "running" };
    case "removing":
    case "exited":
    case "dead":
      return { state: oneShot && container.exitCode === 0 ? "completed" : "exited", exitCode: container.exitCode };
  }
}
