/**
 * Whether a Swarm service has converged, from one look at it and its
 * tasks. Pure, so every rule is pinned by a unit test:
 *
 *   - a task is current when its container carries the service's config
 *     hash (tsd's label): after an update, the old tasks still running do
 *     not count;
 *   - a replicated or global service has converged when as many current
 *     tasks run as are wanted, no stale task is meant to run, and no
 *     rolling update is under way (a task with a health check only counts
 *     as running once healthy: Swarm keeps it `starting` until then);
 *   - a job has converged when its completions are done;
 *   - it has failed when its update paused or rolled back, a current task
 *     was rejected, or current tasks failed repeatedly.
 */
import { LABEL_CONFIG_HASH } from "../../base/labels.js";
import type { ObservedService, ObservedTask } from "../../docker-api/swarm-types.js";

/** A task that failed, in the user's words. */
export interface TaskFailure {
  readonly taskId: string;
  readonly slot?: number;
  readonly nodeId: string;
  readonly state: string;
  readonly error: string;
}

/** The verdict of one look. */
export interface Assessment {
  readonly outcome: "converged" | "waiting" | "failed" | "rolled-back";
  readonly running: number;
  readonly desired: number;
  readonly updateState?: string;
  /** What failed (failed, rolled-back), or why it still waits. */
  readonly reason: string;
  /** The last failed task, when one did. */
  readonly failedTask?: TaskFailure;
  readonly currentTasks: readonly ObservedTask[];
}

/** Failed current tasks tolerated before the service counts as failing (Swarm restarts a task that fails). */
export const FAILED_TASKS_TOLERATED = 2;

function isJob(service: ObservedService): boolean {
  return "ReplicatedJob" in service.spec.Mode || "GlobalJob" in service.spec.Mode;
}

function desiredCount(service: ObservedService): number {
  const mode = service.spec.Mode;
  if ("Replicated" in mode) return mode.Replicated.Replicas;
  if ("ReplicatedJob" in mode) return mode.ReplicatedJob.TotalCompletions;
  return service.status?.desired ?? 0;
}

function taskFailure(task: ObservedTask): TaskFailure {
  return { taskId: task.id, ...(task.slot !== undefined ? { slot: task.slot } : {}), nodeId: task.nodeId, state: task.state, error: task.error || task.message };
}

/** One look at `service`; `expectedHash`: the spec tsd wanted (a rollback shows as a different one). */
export function assessService(service: ObservedService, tasks: readonly ObservedTask[], expectedHash?: string): Assessment {
  const hash = service.spec.Labels[LABEL_CONFIG_HASH];
  const current = tasks.filter((task) => task.containerLabels[LABEL_CONFIG_HASH] === hash);
  // The tasks of the spec tsd sent: after a rollback, those are the ones that failed.
  const attempted = expectedHash ?? hash;
  const failed = tasks
    .filter((task) => task.containerLabels[LABEL_CONFIG_HASH] === attempted && (task.state === "failed" || task.state === "rejected"))
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  const lastFailed = failed.at(-1);
  const desired = desiredCount(service);
  const updateState = service.updateStatus?.state;
  const job = isJob(service);
  const running = job ? current.filter((task) => task.state === "complete").length : current.filter((task) => task.desiredState === "running" && task.state === "running").length;
  const base = { running, desired, currentTasks: current, ...(updateState ? { updateState } : {}), ...(lastFailed ? { failedTask: taskFailure(lastFailed) } : {}) };
  const message = service.updateStatus?.message ?? "";
  const rolledBack = updateState === "rollback_completed" || updateState === "rollback_paused";
  if (rolledBack && (expectedHash === undefined || hash !== expectedHash)) {
    return { ...base, outcome: "rolled-back", reason: `the update failed and was rolled back to the previous spec (${updateState}${message ? `: ${message}` : ""})` };
  }
  if (updateState === "paused") return { ...base, outcome: "failed", reason: `the update paused after a task failed${message ? ` (${message})` : ""}` };
  if (current.some((task) => task.state === "rejected")) return { ...base, outcome: "failed", reason: "a task was rejected" };
  if (failed.length > FAILED_TASKS_TOLERATED && running < desired) return { ...base, outcome: "failed", reason: `${failed.length} tasks failed` };
  if (updateState === "updating" || updateState === "rollback_started") return { ...base, outcome: "waiting", reason: `update ${updateState}` };
  if (expectedHash !== undefined && hash !== expectedHash) return { ...base, outcome: "waiting", reason: "the service does not run the spec tsd sent yet" };
  const stale = tasks.filter((task) => task.desiredState === "running" && task.containerLabels[LABEL_CONFIG_HASH] !== hash);
  if (job) return running >= desired && desired > 0 ? { ...base, outcome: "converged", reason: "completed" } : { ...base, outcome: "waiting", reason: `${running}/${desired} completed` };
  if (running >= desired && stale.length === 0) return { ...base, outcome: "converged", reason: "converged" };
  return { ...base, outcome: "waiting", reason: `${running}/${desired} running${stale.length > 0 ? `, ${stale.length} old task(s) still meant to run` : ""}` };
}
