/**
 * Engine operations of the lifecycle verbs (`tsd pause`, `tsd restart`, …)
 * beyond the reconciler's create/start/stop/kill/remove/wait.
 */

/** Lifecycle calls on one container. */
export interface LifecycleOperations {}
