/**
 * `tsd ps` and `tsd ls`: what runs, by project and service.
 */
import { type Clock, systemClock } from "../base/clock.js";
import type { EventSink } from "../events/stack-event.js";
import type { ProjectSummary, ReplicaQuery, ReplicaView, TargetName } from "../targets/target.js";
import type { StackContext, TargetOpener } from "./context.js";
import { realTargetOpener } from "./targets.js";

export type { ProjectSummary, ReplicaView } from "../targets/target.js";

/** The project's replicas: containers on one engine, tasks on a Swarm. */
export async function replicas(context: StackContext, query: ReplicaQuery): Promise<readonly ReplicaView[]> {
  context.checkServices(query.services);
  const target = await context.target();
  return target.replicas(context.project, query);
}

/** How `tsd ls` finds its target (it loads no stack). */
export interface ProjectsRequest {
  readonly target: TargetName;
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly emit: EventSink;
  readonly openTarget?: TargetOpener;
  readonly clock?: Clock;
}

/** Every tsd project on the target, by name and folder. */
export async function projects(request: ProjectsRequest): Promise<readonly ProjectSummary[]> {
  const open = request.openTarget ?? realTargetOpener(request.environment);
  const target = await open(request.target, request.emit, request.clock ?? systemClock, { allowUnsupported: false });
  return target.projects();
}
