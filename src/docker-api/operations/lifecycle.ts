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
}
