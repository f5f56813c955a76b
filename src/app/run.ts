/**
 * `tsd run SERVICE [CMD…]`: a one-off container of a service. The project's
 * networks, volumes and the service's image are made to exist first, and
 * the service's dependencies are brought up through the pipeline `up` uses
 * (an `up` limited to them) unless `--no-deps`; then the one-off is
 * created, attached and started, and removed afterwards with `--rm`.
 */
import { dockerOnly } from "./containers.js";
import type { AttachedStreams } from "../base/streams.js";
import { type InterruptSource, directDependencies, type RunOutcome, type RunRequest } from "../targets/docker/verbs/run.js";
import type { StackContext } from "./context.js";
import { DEFAULT_PARALLELISM, DEFAULT_WAIT_TIMEOUT_MS } from "./defaults.js";
import { apply, reconcile } from "./pipeline.js";
import { defaultUpOptions } from "../targets/target.js";

export type { InterruptSource, RunOutcome, RunRequest } from "../targets/docker/verbs/run.js";
export type { RunOverrides } from "../targets/docker/verbs/run-spec.js";

/** Where the run reads from and reports to. */
export interface RunEnvironment {
  /** Relative `-v` host paths are taken from here. */
  readonly cwd: string;
  /** tsd's environment, for `-e KEY` without a value. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Random part of the name, `[0-9a-f]{12}`. */
  readonly runId: string;
  readonly version: string;
  /** Asked for once the container exists: until then Ctrl-C simply ends tsd. */
  readonly streams: () => AttachedStreams;
  readonly interrupts: InterruptSource;
}

/** Runs the one-off container. */
export async function runOneOff(context: StackContext, request: RunRequest, environment: RunEnvironment): Promise<RunOutcome> {
  context.checkServices([request.service]);
  const target = dockerOnly(await context.target(), "run");
  const project = context.project;
  const prepared = await target.verbs.prepareRun(project, request, { cwd: environment.cwd, environment: environment.environment, runId: environment.runId, version: environment.version });
  const waits = { parallelism: DEFAULT_PARALLELISM, waitTimeoutMs: DEFAULT_WAIT_TIMEOUT_MS };
  if (prepared.resources.nodes.length > 0) await apply(context, target, prepared.resources, prepared.observed, waits);
  const dependencies = request.noDeps ? [] : directDependencies(project, request.service);
  if (dependencies.length > 0) {
    const options = defaultUpOptions(environment.version, { services: dependencies });
    await reconcile(context, { direction: "up", options, dryRun: false, tellNotes: false, ...waits });
  }
  return target.verbs.startRun(prepared, request, environment.streams, environment.interrupts);
}
