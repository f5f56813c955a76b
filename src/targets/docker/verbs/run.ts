/**
 * `tsd run SERVICE [CMD…]`: a one-off container of a service. The project's
 * networks, volumes and the service's image are made to exist first, and
 * the service's dependencies are brought up by the reconciler (an `up`
 * limited to them) unless `--no-deps`; then the one-off is created,
 * attached and started, and removed afterwards with `--rm`, also when the
 * run is interrupted or fails.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { AttachedStreams } from "../../../docker-api/operations/inside.js";
import { up, type VerbContext } from "../../../app/orchestrator.js";
import type { Project } from "../../../project/project.js";
import { type ExecutionEvent, executePlan } from "../../../plan/walk.js";
import { observe } from "../observe.js";
import { PlanBuilder } from "../../../plan/builder.js";
import { planResources } from "../planner/plan-resources.js";
import { type RunContext, type RunOverrides, runContainerSpec } from "./run-spec.js";
import { openStack } from "../../../app/session.js";

/** How long dependencies may take to meet their `depends_on` conditions. */
const DEPENDENCY_WAIT_MS = 300_000;
const PARALLELISM = 8;

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

/** Where the run reports to and reads from. */
export interface RunEnvironment extends Omit<RunContext, "version"> {
  readonly version: string;
  readonly streams: AttachedStreams;
  readonly interrupts: InterruptSource;
  /** Progress of the preparation (networks, image, dependencies). */
  readonly onEvent?: (event: ExecutionEvent) => void;
}

/** How a run ended. */
export interface RunOutcome {
  readonly containerName: string;
  /** The process's exit code; absent for a detached run. */
  readonly exitCode?: number;
}

/** Runs the one-off container. */
export async function runOneOff(context: VerbContext, request: RunRequest, environment: RunEnvironment): Promise<RunOutcome> {
  const { project, engine } = await openStack(context, [request.service]);
  // Computed before anything is created, so a bad -v, -p or -e costs no engine change.
  const spec = runContainerSpec(project.stack, request.service, request.overrides, environment);
  await ensureResources(engine, project, request.service, environment);
  const dependencies = request.noDeps ? [] : directDependencies(project, request.service);
  if (dependencies.length > 0) {
    // The project was just loaded and reported; the second load (a cache hit) need not repeat its warnings.
    await up(
      { ...context, onWarning: () => undefined, ...(environment.onEvent ? { onEvent: environment.onEvent } : {}) },
      { services: dependencies, forceRecreate: false, noRecreate: false, build: "auto", renewAnonVolumes: false, removeOrphans: false, scale: {}, version: environment.version, dryRun: false, waitTimeoutMs: DEPENDENCY_WAIT_MS, parallelism: PARALLELISM },
    );
  }
  const containerId = await engine.createContainer(spec);
  if (request.detach) {
    await engine.startContainer(containerId);
    return { containerName: spec.name };
  }
  // The first Ctrl-C is the process's to handle (docker run's signal proxy); a second one does not wait for it.
  let interrupts = 0;
  const forward = (signal: string): void => {
    interrupts += 1;
    void engine.killContainer(containerId, interrupts > 1 ? "SIGKILL" : signal).catch(() => undefined);
  };
  const unsubscribe = environment.interrupts.subscribe(forward);
  try {
    return { containerName: spec.name, exitCode: await engine.startAttached(containerId, environment.streams) };
  } finally {
    unsubscribe();
    if (request.remove) await engine.removeContainer(containerId, { force: true, removeVolumes: true });
  }
}

/** The project's networks and volumes, and the service's image (built or pulled): what the container is created with. */
async function ensureResources(engine: Engine, project: Project, service: string, environment: RunEnvironment): Promise<void> {
  const builder = new PlanBuilder();
  planResources(builder, project.stack, await observe(engine, project.stack), [service], [], "auto", environment.version);
  const plan = builder.build();
  if (plan.nodes.length === 0) return;
  await executePlan(engine, plan, { parallelism: PARALLELISM, waitTimeoutMs: DEPENDENCY_WAIT_MS, ...(environment.onEvent ? { onEvent: environment.onEvent } : {}) });
}

/** The services `service` depends on directly, by any kind of edge (`up` brings their own dependencies). */
function directDependencies(project: Project, service: string): string[] {
  const from = `service:${service}`;
  const targets = project.graph.edges.filter((edge) => edge.from === from && edge.to.startsWith("service:")).map((edge) => edge.to.slice("service:".length));
  return [...new Set(targets)].sort();
}
