/**
 * The watch loop's events as lines on stderr: one line per pass,
 * `12:00:01 stack.yml changed → recreate web (environment.MODE changed) … done in 850 ms`,
 * a line per change held back, and the develop rules' decisions. A plan is
 * summed up per service (a recreate is five steps; the user thinks of it
 * as one).
 */
import { relative } from "node:path";
import type { HeldChange, PlanStep, StackEventOf, WatchDecision } from "../../events/stack-event.js";
import { formatSteps } from "../../plan/format.js";
import { clockTime, formatDuration } from "./clock.js";

/** `recreate web (environment.MODE changed), build app:dev (--build)`; empty for steps that do nothing. */
export function describeSteps(steps: readonly PlanStep[]): string {
  const groups = new Map<string, PlanStep[]>();
  for (const step of steps) {
    const key = `${step.subject.kind}:${step.subject.key}`;
    groups.set(key, [...(groups.get(key) ?? []), step]);
  }
  const actions: string[] = [];
  for (const group of groups.values()) {
    const first = group[0] as PlanStep;
    const verb = subjectVerb(group);
    if (verb === undefined) continue;
    const main = group.find((step) => step.action !== "wait") ?? first;
    const name = first.subject.kind === "network" || first.subject.kind === "volume" ? `${first.subject.kind} ${first.subject.key}` : first.subject.key;
    actions.push(`${verb} ${name} (${main.cause})`);
  }
  return actions.join(", ");
}

/** What a subject's steps amount to, or undefined when they only wait. */
function subjectVerb(group: readonly PlanStep[]): string | undefined {
  const actions = new Set(group.map((step) => step.action));
  if (actions.has("replace")) return "recreate";
  if (actions.has("create") || actions.has("build") || actions.has("pull")) return actions.has("create") ? "create" : actions.has("build") ? "build" : "pull";
  if (actions.has("remove")) return "remove";
  if (actions.has("stop") && actions.has("start")) return "restart";
  if (actions.has("run")) return "run";
  if (actions.has("start")) return "start";
  if (actions.has("stop")) return "stop";
  return undefined;
}

/** The line for a pass that applied `steps`. */
export function appliedLine(startedAt: number, trigger: string, steps: readonly PlanStep[], elapsedMs: number): string {
  const actions = describeSteps(steps);
  return actions === ""
    ? `${clockTime(startedAt)} ${trigger} → up to date (${formatDuration(elapsedMs)})`
    : `${clockTime(startedAt)} ${trigger} → ${actions} … done in ${formatDuration(elapsedMs)}`;
}

/** One line per held-back change: `  pending (apply with \`tsd up\`): recreate db — drops anonymous volume /data`. */
export function pendingLines(held: readonly HeldChange[]): string[] {
  return held.map((change) => `  pending (apply with \`tsd up\`): ${subjectVerb(change.steps) ?? "change"} ${change.subject.key} — ${change.reasons.join("; ")}`);
}

/** `3 files`, `1 container`. */
function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}

/** The lines of a pass's outcome. */
function passLines(decision: WatchDecision, explain: boolean): string[] | undefined {
  switch (decision.kind) {
    case "pass-applied": {
      const lines = [appliedLine(decision.startedAt, decision.trigger, decision.steps, decision.elapsedMs)];
      if (explain && decision.steps.length > 0) lines.push(...formatSteps(decision.steps).split("\n").map((line) => (line === "" ? line : `  ${line}`)));
      return [...lines, ...pendingLines(decision.held)];
    }
    case "pass-invalid":
      return [`${clockTime(decision.startedAt)} ${decision.trigger} → invalid, the running stack is left as it is until the next valid edit:`, ...decision.error.split("\n").map((line) => `  ${line}`)];
    case "pass-failed":
      return [`${clockTime(decision.startedAt)} ${decision.trigger} → failed: ${decision.error}`];
    default:
      return undefined;
  }
}

/** The lines of a develop rule's decision. */
function developLines(decision: WatchDecision): string[] {
  switch (decision.kind) {
    case "noise-ignored":
      return [`${decision.services.join(", ")}: not watching ${decision.path} (built-in noise)`];
    case "matched":
      return [`${decision.service}: ${decision.path}${decision.removed ? " (removed)" : ""} matched ${decision.rules.join("; ")}`];
    case "dropped":
      return [`${decision.service}: ${decision.path}${decision.removed ? " (removed)" : ""} dropped by ${decision.by.join("; ")}`];
    case "initial-sync":
      return [`${decision.service}: initial sync`];
    case "rebuilding":
      return [`${decision.service}: rebuilding (${count(decision.changes, "change")})`];
    case "rebuilt":
      return [`${decision.service}: rebuilt and recreated in ${decision.elapsedMs} ms`];
    case "no-container":
      return [`${decision.service}: no running container; the changes are synced when one starts`];
    case "unchanged": {
      const why = decision.sinceSyncMs === undefined ? "content unchanged" : `same content tsd synced ${decision.sinceSyncMs} ms ago (self-trigger)`;
      return [`${decision.service}: ${decision.path} skipped: ${why}`];
    }
    case "synced": {
      const parts = [decision.copied > 0 ? `copied ${count(decision.copied, "file")}` : "", decision.deleted > 0 ? `deleted ${count(decision.deleted, "path")}` : ""].filter((part) => part !== "");
      return [`${decision.service}: ${parts.join(", ")} to ${count(decision.containers, "container")} in ${decision.elapsedMs} ms`];
    }
    case "exec-output":
      return [`${decision.service}: ${decision.line}`];
    case "exec":
      return [`${decision.service}: ${decision.exitCode === 0 ? "ran" : `exited with ${decision.exitCode}:`} ${decision.command.join(" ")} in ${decision.container} (${decision.elapsedMs} ms)`];
    case "restarted":
      return [`${decision.service}: restarted ${count(decision.containers, "container")} in ${decision.elapsedMs} ms`];
    case "failed":
      if (decision.during === "sync") return [`${decision.service ?? ""}: develop watch failed: ${decision.error}`];
      if (decision.during === "re-sync") return [`${decision.service ?? ""}: re-sync after start failed: ${decision.error}`];
      return [`develop watch: ${decision.error}`];
    default:
      return [];
  }
}

/** Every line one watch event prints. */
export function watchLines(event: StackEventOf<"watch">, options: { readonly explain: boolean; readonly cwd: string }): string[] {
  switch (event.kind) {
    case "ready": {
      const lines = [`watching ${event.project} (Ctrl-C ends watching; the stack keeps running)`];
      if (options.explain) lines.push(`stack inputs watched: ${event.paths.map((path) => relative(options.cwd, path) || path).join(", ")}`);
      return lines;
    }
    case "file-changed":
      return [`${clockTime(event.at)} ${event.path}: changed (stack input)`];
    case "stopping":
      return ["stopping the watch (the stack keeps running; Ctrl-C again to leave at once)…"];
    default:
      return passLines(event, options.explain) ?? developLines(event);
  }
}
