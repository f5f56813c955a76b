/**
 * The page's pure rules: a node's status from its replicas, what it waits
 * on, and which log lines a filter keeps. Kept apart from the rendering so
 * they read (and test) as plain functions.
 */
import type { ReplicaOverview, ServiceState, ViewEdge, ViewNode } from "./types.js";

/** A node's status: the word tests read in `data-status`, and the text shown. */
export interface NodeStatus {
  readonly state: ServiceState;
  readonly text: string;
}

/** Which replica state speaks for a service with several: the most alarming first. */
const PRECEDENCE: readonly ServiceState[] = ["crash-looping", "unhealthy", "restarting", "exited", "starting", "creating", "waiting", "pending", "running", "healthy", "completed"];

/** The status of a service or data container from its replicas (one-offs left out). */
export function nodeStatus(name: string, replicas: readonly ReplicaOverview[]): NodeStatus {
  const own = replicas.filter((replica) => replica.service === name && replica.kind !== "one-off");
  if (own.length === 0) return { state: "pending", text: "pending" };
  const worst = [...own].sort((a, b) => PRECEDENCE.indexOf(a.state) - PRECEDENCE.indexOf(b.state))[0] as ReplicaOverview;
  const text = worst.state === "exited" ? `exited(${worst.exitCode})` : worst.status;
  return { state: worst.state, text: own.length > 1 ? `${text} ×${own.length}` : text };
}

/** Whether a dependency in `state` satisfies an edge. */
function satisfied(edge: ViewEdge, state: ServiceState): boolean {
  switch (edge.condition) {
    case "service_healthy":
      return state === "healthy";
    case "service_completed_successfully":
      return state === "completed";
    default:
      return state === "running" || state === "healthy" || state === "completed";
  }
}

/** What an edge's condition reads as: `healthy`, `completed`, `started`. */
export function conditionWord(edge: ViewEdge): string {
  if (edge.kind !== "depends_on") return edge.kind.replace("_", " ");
  return edge.condition === "service_healthy" ? "healthy" : edge.condition === "service_completed_successfully" ? "completed" : "started";
}

/** States in which a node is not waiting on anything any more. */
const SETTLED: ReadonlySet<ServiceState> = new Set(["running", "healthy", "completed"]);

/** Every blocker of a node that is not up yet: `db (healthy)`, one per unmet dependency, sorted. */
export function waitingOn(node: ViewNode, edges: readonly ViewEdge[], statuses: ReadonlyMap<string, NodeStatus>): string[] {
  if (SETTLED.has(statuses.get(node.name)?.state ?? "pending")) return [];
  return edges
    .filter((edge) => edge.from === node.name && !satisfied(edge, statuses.get(edge.to)?.state ?? "pending"))
    .map((edge) => `${edge.to} (${conditionWord(edge)})`)
    .sort();
}

/** A log filter, as kept in the URL. */
export interface LogFilter {
  /** Empty: every service. */
  readonly service: string;
  readonly text: string;
  /** `text` is a regular expression. */
  readonly regex: boolean;
}

/** A predicate over a line's text, or an error for a regular expression that does not compile. */
export function lineMatcher(filter: LogFilter): { readonly test: (text: string) => boolean; readonly error?: string } {
  if (filter.text === "") return { test: () => true };
  if (!filter.regex) {
    const needle = filter.text.toLowerCase();
    return { test: (text) => text.toLowerCase().includes(needle) };
  }
  try {
    const pattern = new RegExp(filter.text, "i");
    return { test: (text) => pattern.test(text) };
  } catch (error) {
    return { test: () => true, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Escape sequences out of a line, for matching on what the user reads. */
export function withoutAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "");
}

/** `1.99 MB`, `11 B`: decimal, as docker history prints sizes. */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ${units[unit]}`;
}
