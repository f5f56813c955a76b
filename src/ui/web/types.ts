/**
 * What the page reads from the server: the shapes of its JSON answers and
 * event-stream messages, shared with the server as types only (nothing of
 * the server is bundled into the page).
 */
export type { ReplicaOverview, SwarmNodeView, SwarmOverview, SwarmServiceView, SwarmTaskView } from "../../app/service-overview.js";
export type { StackImage, StackLayer } from "../../app/history.js";
export type { StackEvent, PlanStep } from "../../events/stack-event.js";
export type { ServiceState } from "../../events/status.js";
export type { LoadProblem, ProjectView, ViewEdge, ViewFinding, ViewNode } from "../server/project-view.js";

/** GET /api/session. */
export interface SessionInfo {
  readonly project: string;
  readonly directory: string;
  readonly version: string;
  readonly actionsAllowed: boolean;
  readonly csrf: string;
  readonly target: string;
}

/** The `project` snapshot: which revision of the files the server shows, and why the last edit failed. */
export interface ProjectSnapshot {
  readonly revision: number;
  readonly problem: import("../server/project-view.js").LoadProblem | null;
}
