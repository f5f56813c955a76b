/**
 * `tsd run SERVICE [CMD…]`, the container side: the one-off's spec (checked
 * before anything is created), the plan that makes the project's networks,
 * volumes and the service's image exist, and the attached start that
 * forwards Ctrl-C and removes the container afterwards with `--rm`, also
 * when the run is interrupted or fails. The use case (app/run.ts) brings
 * the dependencies up in between, through the same pipeline as `tsd up`.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { AttachedStreams } from "../../../docker-api/operations/inside.js";
import type { ContainerSpec } from "../../../docker-api/types.js";
import type { Project } from "../../../project/project.js";
import { observe, type ObservedState } from "../observe.js";
import { dockerPlanBuilder, type DockerPlan } from "../operations.js";
import { planResources } from "../planner/plan-resources.js";
import { type RunContext, type RunOverrides, runContainerSpec } from "./run-spec.js";

/** A `tsd run`. */
export interface RunRequest {
  readonly service: string;
  readonly overrides: RunOverrides;
  readonly noDeps: boolean;
  readonly detach: boolean;
  /** Remove the container when it stops. */
  readonly remove: boolean;
}

/** Signals the user sends tsd while the one-off runs (Ctrl-C): forwarded to its process. */
export interface InterruptSource {
  /** Calls `listener` with the signal's name (`SIGINT`); returns the unsubscribe function. */
  subscribe(listener: (signal: string) => void): () => void;
}

/** How a run ended. */
export interface RunOutcome {
  readonly containerName: string;
  /** The process's exit code; absent for a detached run. */
  readonly exitCode?: number;
}

/** A one-off ready to start: its spec, and the plan that makes what it needs exist. */
export interface PreparedRun {
  readonly spec: ContainerSpec;
  /** Networks, volumes and the service's image (built or pulled). */
  readonly resources: DockerPlan;
  /** What the engine held when the resources were planned. */
  readonly observed: ObservedState;
}

/** Computes the spec (a bad -v, -p or -e fails here, before any engine change) and plans the resources. */
export async function prepareOneOff(engine: Engine, project: Project, request: RunRequest, context: RunContext): Promise<PreparedRun> {
  const spec = runContainerSpec(project.stack, request.service, request.overrides, context);
  const builder = dockerPlanBuilder();
  const observed = await observe(engine, project.stack);
  planResources(builder, project.stack, observed, [request.service], [], "auto", context.version ?? "");
  return { spec, resources: builder.build(), observed };
}

/** Creates and starts the one-off: detached, or attached until it exits (Ctrl-C goes to its process). */
export async function startOneOff(engine: Engine, prepared: PreparedRun, request: RunRequest, streams: () => AttachedStreams, interrupts: InterruptSource): Promise<RunOutcome> {
  const { spec } = prepared;
  const containerId = await engine.createContainer(spec);
  if (request.detach) {
    await engine.startContainer(containerId);
    return { containerName: spec.name };
  }
  // The first Ctrl-C is the process's to handle (docker run's signal proxy); a second one does not wait for it.
  let received = 0;
  const forward = (signal: string): void => {
    received += 1;
    void engine.killContainer(containerId, received > 1 ? "SIGKILL" : signal).catch(() => undefined);
  };
  const unsubscribe = interrupts.subscribe(forward);
  try {
    return { containerName: spec.name, exitCode: await engine.startAttached(containerId, streams()) };
  } finally {
    unsubscribe();
    if (request.remove) await engine.removeContainer(containerId, { force: true, removeVolumes: true });
  }
}

/** The services `service` depends on directly, by any kind of edge (`up` brings their own dependencies). */
export function directDependencies(project: Project, service: string): string[] {
  const from = `service:${service}`;
  const targets = project.graph.edges.filter((edge) => edge.from === from && edge.to.startsWith("service:")).map((edge) => edge.to.slice("service:".length));
  return [...new Set(targets)].sort();
}
