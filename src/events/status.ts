/**
 * The live status of a service replica, in the words every target, client
 * and view uses: `tsd ps`, the supervisor, the attached view, the progress
 * of `up`, the dashboard. Each target reads it from its own engine state
 * (one pure function per target), so they always agree on its meaning.
 */
import type { Service } from "../stack/model.js";

/**
 * Where a service container is in its life:
 * pending → creating → waiting (db: healthy) → starting → running | healthy |
 * unhealthy | restarting | crash-looping | exited(code) | completed.
 */
export type ServiceState =
  | "pending"
  | "creating"
  | "waiting"
  | "starting"
  | "running"
  | "healthy"
  | "unhealthy"
  | "restarting"
  | "crash-looping"
  | "exited"
  | "completed";

/** The status of one service container (one replica). */
export interface ServiceStatus {
  readonly service: string;
  /** Replica number, from 1. */
  readonly replica: number;
  readonly state: ServiceState;
  /** `waiting`: what for (`db: healthy`); `crash-looping`: why. */
  readonly detail?: string;
  /** `exited` and `completed`: the process's exit code. */
  readonly exitCode?: number;
  readonly containerId?: string;
  /** Milliseconds since the epoch: when this state began (as far as tsd saw). */
  readonly since: number;
}

/** One change of status, as it happened. */
export interface StatusTransition {
  readonly service: string;
  readonly replica: number;
  readonly from: ServiceState;
  readonly to: ServiceState;
  readonly detail?: string;
  readonly exitCode?: number;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/**
 * Whether a service is a one-shot job: one others wait on with
 * `service_completed_successfully` (a seed or migration job). It is done,
 * not down, once it exits 0.
 */
export function isOneShot(serviceName: string, services: readonly Service[]): boolean {
  return services.some((service) => service.dependsOn[serviceName]?.condition === "service_completed_successfully");
}

/** `exited(1)`, `waiting (db: healthy)`, `healthy`: how a status reads in a table or a log line. */
export function formatStatus(status: { readonly state: ServiceState; readonly exitCode?: number; readonly detail?: string }): string {
  if (status.state === "exited") return `exited(${status.exitCode ?? "?"})`;
  if (status.detail && (status.state === "waiting" || status.state === "crash-looping")) return `${status.state} (${status.detail})`;
  return status.state;
}
