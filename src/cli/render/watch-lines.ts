/**
 * How the watch loop reports a run: one line on stderr,
 * `12:00:01 stack.yml changed → recreate web (environment.MODE changed) … done in 850 ms`,
 * plus a line per change held back. The plan is summed up per service (a
 * recreate is five operations; the user thinks of it as one).
 */
import type { Plan, PlanNode } from "../../plan/plan.js";
import type { PendingChange } from "../../targets/docker/planner/destructive.js";

/** `12:00:01`, local time, as a terminal log reads it. */
export function clockTime(at: Date): string {
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((part) => String(part).padStart(2, "0")).join(":");
}

/** `850 ms`, `4.2 s`. */
export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}

/** `recreate web (environment.MODE changed), build app:dev (--build)`; empty for a plan that does nothing. */
export function describePlan(nodes: readonly PlanNode[]): string {
  const groups = new Map<string, PlanNode[]>();
  for (const node of nodes) {
    const key = `${node.subject.kind}:${node.subject.key}`;
    groups.set(key, [...(groups.get(key) ?? []), node]);
  }
  const actions: string[] = [];
  for (const group of groups.values()) {
    const first = group[0] as PlanNode;
    const verb = subjectVerb(group);
    if (verb === undefined) continue;
    const main = group.find((node) => node.operation.kind !== "await-condition") ?? first;
    const name = first.subject.kind === "network" || first.subject.kind === "volume" ? `${first.subject.kind} ${first.subject.key}` : first.subject.key;
    actions.push(`${verb} ${name} (${main.cause})`);
  }
  return actions.join(", ");
}

/** What a service's (or resource's) nodes amount to, or undefined when they only wait. */
function subjectVerb(group: readonly PlanNode[]): string | undefined {
  const kinds = new Set(group.map((node) => node.operation.kind));
  const replaces = group.some((node) => node.operation.kind === "create-container" && node.operation.replaces !== undefined);
  if (replaces) return "recreate";
  if (kinds.has("create-container")) return "create";
  if (kinds.has("build-image")) return "build";
  if (kinds.has("pull-image")) return "pull";
  if (kinds.has("create-network") || kinds.has("create-volume")) return "create";
  if (kinds.has("remove-container") || kinds.has("remove-network") || kinds.has("remove-volume")) return "remove";
  if (kinds.has("stop-container") && kinds.has("start-container")) return "restart";
  if (kinds.has("run-data-container")) return "run";
  if (kinds.has("start-container")) return "start";
  if (kinds.has("stop-container")) return "stop";
  return undefined;
}

/** The line for a run that applied `plan`. */
export function appliedLine(startedAt: Date, trigger: string, plan: Plan, elapsedMs: number): string {
  const actions = describePlan(plan.nodes);
  return actions === ""
    ? `${clockTime(startedAt)} ${trigger} → up to date (${formatDuration(elapsedMs)})`
    : `${clockTime(startedAt)} ${trigger} → ${actions} … done in ${formatDuration(elapsedMs)}`;
}

/** One line per held-back change: `  pending (apply with \`tsd up\`): recreate db — drops anonymous volume /data`. */
export function pendingLines(pending: readonly PendingChange[]): string[] {
  return pending.map((change) => {
    const verb = subjectVerb(change.nodes) ?? "change";
    return `  pending (apply with \`tsd up\`): ${verb} ${change.subject.key} — ${change.reasons.join("; ")}`;
  });
}
