/**
 * Which operations of an `up` plan would lose data, so the watch loop can
 * hold them back: an edit saved in the middle of typing must never remove a
 * volume or a data container. Pure: the plan, what the engine holds and the
 * stack in, verdicts out. The planner's own output is left as it is.
 */
import type { MountSpec, ObservedContainer } from "../../../docker-api/types.js";
import type { ObservedState } from "../observe.js";
import type { PlanSubject } from "../../../plan/plan.js";
import type { DockerPlan, DockerPlanNode } from "../operations.js";
import { isDataContainer } from "../../../base/labels.js";
import { anonymousVolumesOf } from "./observed-containers.js";
import type { Stack } from "../../../stack/model.js";

/** What the predicate reads besides the node itself. */
export interface DestructiveContext {
  readonly plan: DockerPlan;
  readonly observed: ObservedState;
  /** The stack the plan converges to. */
  readonly stack: Stack;
}

/** A service or data container whose changes are held back, and why. */
export interface PendingChange {
  readonly subject: PlanSubject;
  /** Sorted, without duplicates: `removes volume app_data`, `drops anonymous volume /data`. */
  readonly reasons: readonly string[];
  /** The held-back nodes, in plan order. */
  readonly nodes: readonly DockerPlanNode[];
}

/** A plan split into what can run unattended and what waits for `tsd up`. */
export interface SafePlan {
  readonly apply: DockerPlan;
  readonly pending: readonly PendingChange[];
}

/**
 * Why running `node` would lose data, or undefined when it would not:
 * removing a volume, a data container, or a container's anonymous volumes
 * (with it, or by leaving them behind for good), and a recreate that stops
 * mounting an anonymous volume or a named volume the stack no longer declares.
 */
export function destructiveReason(node: DockerPlanNode, context: DestructiveContext): string | undefined {
  const operation = node.operation;
  switch (operation.kind) {
    case "remove-volume":
      return `removes volume ${operation.name}`;
    case "remove-container": {
      if (operation.removeVolumes) return `removes ${operation.name} with its anonymous volumes`;
      // A recreate parks the old container under a new name and removes it once its volumes moved on: judged at the create.
      if (isParkedByPlan(operation.name, context.plan)) return undefined;
      const container = context.observed.containers.find((candidate) => candidate.name === operation.name);
      if (!container) return undefined;
      if (isDataContainer(container)) return `removes data container ${operation.name}`;
      const anonymous = Object.keys(anonymousVolumesOf(container)).sort();
      return anonymous.length > 0 ? `removes ${operation.name}, leaving its anonymous volumes (${anonymous.join(", ")}) behind` : undefined;
    }
    case "create-container": {
      if (!operation.replaces) return undefined;
      const old = context.observed.containers.find((candidate) => candidate.id === operation.replaces);
      return old ? droppedVolumes(old, operation.spec.host.mounts, context.stack) : undefined;
    }
    case "create-network":
    case "remove-network":
    case "create-volume":
    case "pull-image":
    case "build-image":
    case "remove-image":
    case "start-container":
    case "run-data-container":
    case "stop-container":
    case "rename-container":
    // A refused update recreates with the old container's anonymous volumes: nothing is dropped.
    case "update-container":
    case "await-condition":
      return undefined;
  }
}

/**
 * Splits `plan`: every node of a service or data container with a
 * destructive node is held back (a recreate is stop, rename, create, remove
 * and start: running part of it would leave the service down), and so is
 * whatever needs a held-back node, except waits for a condition, which read
 * the current containers and so still hold. The rest keeps its order.
 */
export function holdBackDestructive(context: DestructiveContext): SafePlan {
  const reasons = new Map<string, Set<string>>();
  for (const node of context.plan.nodes) {
    const reason = destructiveReason(node, context);
    if (reason === undefined) continue;
    const key = subjectKey(node.subject);
    reasons.set(key, (reasons.get(key) ?? new Set()).add(reason));
  }
  if (reasons.size === 0) return { apply: context.plan, pending: [] };
  const held = new Set<string>();
  for (const node of context.plan.nodes) {
    // Plan order puts dependencies first, so one pass sees every held dependency before its dependents.
    const needsHeld = node.operation.kind !== "await-condition" && node.after.some((id) => held.has(id));
    if (reasons.has(subjectKey(node.subject)) || needsHeld) held.add(node.id);
  }
  const apply = context.plan.nodes
    .filter((node) => !held.has(node.id))
    .map((node) => (node.after.some((id) => held.has(id)) ? { ...node, after: node.after.filter((id) => !held.has(id)) } : node));
  const pending = new Map<string, { subject: PlanSubject; nodes: DockerPlanNode[] }>();
  for (const node of context.plan.nodes.filter((candidate) => held.has(candidate.id))) {
    const key = subjectKey(node.subject);
    const entry = pending.get(key) ?? { subject: node.subject, nodes: [] };
    entry.nodes.push(node);
    pending.set(key, entry);
  }
  return {
    apply: { nodes: apply, notes: context.plan.notes },
    pending: [...pending.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, entry]) => ({ ...entry, reasons: [...(reasons.get(key) ?? new Set([`waits for a held-back change`]))].sort() })),
  };
}

function subjectKey(subject: PlanSubject): string {
  return `${subject.kind}:${subject.key}`;
}

function isParkedByPlan(name: string, plan: DockerPlan): boolean {
  return plan.nodes.some((node) => node.operation.kind === "rename-container" && node.operation.newName === name);
}

/** What a recreate of `old` with `mounts` would stop mounting that holds data nobody else keeps. */
function droppedVolumes(old: ObservedContainer, mounts: readonly MountSpec[], stack: Stack): string | undefined {
  const mountedVolumes = new Set(mounts.flatMap((mount) => (mount.type === "volume" && mount.source ? [mount.source] : [])));
  const declared = new Set(Object.values(stack.volumes).map((volume) => volume.name));
  const anonymous = anonymousVolumesOf(old);
  const anonymousNames = new Set(Object.values(anonymous));
  const lost: string[] = [];
  for (const [destination, volume] of Object.entries(anonymous)) {
    if (!mountedVolumes.has(volume)) lost.push(`drops anonymous volume ${destination}`);
  }
  for (const mount of old.mounts) {
    if (mount.type !== "volume" || !mount.name || anonymousNames.has(mount.name)) continue;
    if (!mountedVolumes.has(mount.name) && !declared.has(mount.name)) lost.push(`detaches volume ${mount.name}, which left the stack`);
  }
  return lost.length > 0 ? lost.sort().join("; ") : undefined;
}
