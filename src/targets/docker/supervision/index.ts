/**
 * Supervision of a running stack: follows the engine's event stream for the
 * project (no polling), keeps a live status per service container, restarts
 * containers that stay unhealthy (per the service's `x-tsd.supervise`
 * policy, with backoff, up to crash-looping), and restarts `restart: true`
 * dependents when a dependency restarts. Used by attached `tsd up`,
 * `tsd up --watch` and `tsd watch`.
 */
export type { ServiceState, ServiceStatus, StatusTransition } from "./status.js";
export type { Clock } from "../../../base/clock.js";
export { startSupervisor, type Supervisor, type SupervisorOptions } from "./supervisor.js";
export { formatTransition } from "./machine.js";
