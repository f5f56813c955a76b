/**
 * The Swarm pane of the dashboard, from one look at the project's services,
 * their tasks and the swarm's nodes: each node with the tasks placed on it,
 * each task's desired and current state, and each service's rolling update
 * (how many tasks run the new spec, of how many wanted, and what Swarm says
 * of the update). Pure: the same rules as the convergence wait (assess.ts),
 * so the page and `tsd up --wait` never disagree.
 */
import { LABEL_CONFIG_HASH, LABEL_SERVICE } from "../../base/labels.js";
import type { ObservedNode, ObservedService, ObservedTask } from "../../docker-api/swarm-types.js";
import { assessService } from "./assess.js";

/** A node of the swarm. */
export interface SwarmNodeView {
  readonly id: string;
  readonly hostname: string;
  readonly role: "manager" | "worker";
  /** `ready`, `down`, … */
  readonly state: string;
  /** `active`, `pause`, `drain`. */
  readonly availability: string;
}

/** A service and its rollout. */
export interface SwarmServiceView {
  /** The stack's key: `web`. */
  readonly service: string;
  /** On the swarm: `demo_web`. */
  readonly name: string;
  readonly mode: "replicated" | "global" | "job";
  /** Tasks of the current spec running (jobs: completed). */
  readonly running: number;
  readonly desired: number;
  /** Tasks of an older spec still meant to run: a rolling update under way. */
  readonly stale: number;
  readonly updateState?: string;
  readonly updateMessage?: string;
  readonly outcome: "converged" | "waiting" | "failed" | "rolled-back";
  /** Why it waits or failed, in the words of `tsd up --wait`. */
  readonly reason: string;
}

/** A task: where it runs, and what Swarm wants of it. */
export interface SwarmTaskView {
  readonly id: string;
  readonly service: string;
  readonly slot?: number;
  /** The node's hostname ("" while unassigned). */
  readonly node: string;
  readonly desiredState: string;
  readonly currentState: string;
  readonly error: string;
  /** It runs the service's current spec (false: a task of the previous one). */
  readonly current: boolean;
  /** RFC 3339: its last state change. */
  readonly updatedAt: string;
}

/** The pane's data. */
export interface SwarmOverview {
  readonly nodes: readonly SwarmNodeView[];
  readonly services: readonly SwarmServiceView[];
  readonly tasks: readonly SwarmTaskView[];
}

/** Failed tasks of a service kept on the pane: what went wrong last, not the whole history. */
const FAILED_TASKS_SHOWN = 3;

function modeOf(service: ObservedService): SwarmServiceView["mode"] {
  const mode = service.spec.Mode;
  if ("ReplicatedJob" in mode || "GlobalJob" in mode) return "job";
  return "Global" in mode ? "global" : "replicated";
}

function serviceView(service: ObservedService, tasks: readonly ObservedTask[]): SwarmServiceView {
  const assessment = assessService(service, tasks);
  const hash = service.spec.Labels[LABEL_CONFIG_HASH];
  const stale = tasks.filter((task) => task.desiredState === "running" && task.containerLabels[LABEL_CONFIG_HASH] !== hash).length;
  const message = service.updateStatus?.message;
  return {
    service: service.spec.Labels[LABEL_SERVICE] ?? service.spec.Name,
    name: service.spec.Name,
    mode: modeOf(service),
    running: assessment.running,
    desired: assessment.desired,
    stale,
    ...(assessment.updateState ? { updateState: assessment.updateState } : {}),
    ...(message ? { updateMessage: message } : {}),
    outcome: assessment.outcome,
    reason: assessment.reason,
  };
}

/** The tasks worth showing: those meant to run (or complete), and the last few that failed. */
function shownTasks(tasks: readonly ObservedTask[]): ObservedTask[] {
  const wanted = tasks.filter((task) => task.desiredState === "running" || task.desiredState === "complete");
  const failed = tasks
    .filter((task) => !wanted.includes(task) && (task.state === "failed" || task.state === "rejected"))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, FAILED_TASKS_SHOWN);
  return [...wanted, ...failed];
}

/** The overview of a project's services on the swarm. */
export function swarmOverview(services: readonly ObservedService[], tasks: readonly ObservedTask[], nodes: readonly ObservedNode[]): SwarmOverview {
  const hostnames = new Map(nodes.map((node) => [node.id, node.hostname]));
  const views = services.map((service) => {
    const own = tasks.filter((task) => task.serviceId === service.id);
    const hash = service.spec.Labels[LABEL_CONFIG_HASH];
    const view = serviceView(service, own);
    const taskViews = shownTasks(own).map((task) => ({
      id: task.id,
      service: view.service,
      ...(task.slot !== undefined ? { slot: task.slot } : {}),
      node: hostnames.get(task.nodeId) ?? "",
      desiredState: task.desiredState,
      currentState: task.state,
      error: task.error,
      current: task.containerLabels[LABEL_CONFIG_HASH] === hash,
      updatedAt: task.updatedAt,
    }));
    return { view, taskViews };
  });
  return {
    nodes: nodes.map((node) => ({ id: node.id, hostname: node.hostname, role: node.role, state: node.state, availability: node.availability })).sort((a, b) => a.hostname.localeCompare(b.hostname)),
    services: views.map(({ view }) => view).sort((a, b) => a.service.localeCompare(b.service)),
    tasks: views.flatMap(({ taskViews }) => taskViews).sort((a, b) => a.service.localeCompare(b.service) || (a.slot ?? 0) - (b.slot ?? 0) || a.updatedAt.localeCompare(b.updatedAt)),
  };
}
