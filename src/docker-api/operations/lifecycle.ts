import type { ContainerUpdate } from "../types.js";

/**
 * Engine operations of the lifecycle verbs (`tsd pause`, `tsd restart`, …)
 * beyond the reconciler's create/start/stop/kill/remove/wait.
 */

/** Lifecycle calls on one container. */
export interface LifecycleOperations {
  /** Freezes every process of a running container (cgroup freezer). */
  pauseContainer(id: string): Promise<void>;
  /** Thaws a paused container. */
  unpauseContainer(id: string): Promise<void>;
  /**
   * Stops (stop signal, then SIGKILL after `timeoutSeconds`; absent: the
   * container's own stop timeout) and starts again, in one engine call; the
   * container keeps its ID. A stopped container is simply started.
   */
  restartContainer(id: string, timeoutSeconds?: number): Promise<void>;
  /**
   * Changes a container's restart policy and resource limits in place
   * (`docker update`): same ID, same process. The engine refuses what it
   * cannot apply (a memory limit below current use, swap below memory).
   */
  updateContainer(id: string, update: ContainerUpdate): Promise<void>;
}
