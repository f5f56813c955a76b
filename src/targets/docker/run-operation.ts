/**
 * One node of a Docker plan, carried out: one engine call per operation
 * (or one wait). No decisions: the planner made them.
 */
import type { Clock } from "../../base/clock.js";
import { ConditionError, EngineError, EngineUnavailableError, InterruptedWaitError, NetworkInUseError } from "../../base/errors.js";
import type { Engine } from "../../docker-api/engine.js";
import type { PlanNode } from "../../plan/plan.js";
import type { NodeOutcome } from "../../plan/walk.js";
import type { DockerOperation } from "./operations.js";
import { awaitCondition } from "./supervision/await-condition.js";

/** What a run of a Docker plan waits with. */
export interface DockerRunContext {
  /** For `depends_on` conditions and data containers' seed commands. */
  readonly waitTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly clock: Clock;
}

/** Carries out one node; a `required: false` condition that failed comes back as a warning. */
export async function runDockerOperation(engine: Engine, node: PlanNode<DockerOperation>, context: DockerRunContext): Promise<NodeOutcome | void> {
  const operation = node.operation;
  switch (operation.kind) {
    case "create-network":
      return engine.createNetwork(operation.spec);
    case "remove-network":
      return removeNetworkOnceFree(engine, operation.name, context);
    case "create-volume":
      return engine.createVolume(operation.spec);
    case "remove-volume":
      return engine.removeVolume(operation.name);
    case "pull-image":
      return engine.pullImage(operation.reference);
    case "build-image":
      return engine.buildImage(operation.spec);
    case "remove-image":
      return engine.removeImage(operation.reference);
    case "create-container":
      await engine.createContainer(operation.spec);
      return;
    case "start-container":
      return engine.startContainer(operation.name);
    case "run-data-container":
      return runDataContainer(engine, operation.name, context);
    case "stop-container":
      return engine.stopContainer(operation.name, operation.timeoutSeconds);
    case "remove-container":
      return engine.removeContainer(operation.name, { force: true, removeVolumes: operation.removeVolumes });
    case "rename-container":
      return engine.renameContainer(operation.name, operation.newName);
    case "update-container":
      return updateInPlace(engine, operation);
    case "await-condition":
      try {
        await awaitCondition(engine, { ...operation, timeoutMs: context.waitTimeoutMs, ...(context.signal ? { signal: context.signal } : {}) }, context.clock);
        return;
      } catch (error) {
        if (operation.required || !(error instanceof ConditionError) || error instanceof InterruptedWaitError) throw error;
        return { warning: `${error.message} (required: false, going on)` };
      }
  }
}

/** The waits between attempts at a network whose last endpoint the engine has not released yet. */
export const ENDPOINT_RELEASE_WAITS_MS = [250, 500, 1000, 2000] as const;

/**
 * `down`'s removal of a network, once its containers are gone. The engine
 * may still count an endpoint of a container it has just removed: a few
 * short retries cover that. When it keeps one for good (Docker 20.10,
 * moby/moby#43286: seen here under load, and only a dockerd restart frees
 * it), or containers outside the plan are still attached, the network is
 * left with a warning: everything the down could do is done, and a later
 * `up` uses the network as it is. Compose v2 skips a network in use by
 * others the same way but fails on the stale endpoint.
 */
async function removeNetworkOnceFree(engine: Engine, name: string, context: DockerRunContext): Promise<NodeOutcome | void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await engine.removeNetwork(name);
      return;
    } catch (error) {
      if (!(error instanceof NetworkInUseError)) throw error;
      if (error.attached.length > 0) return { warning: `left in place: still used by ${error.attached.join(", ")}, which this down did not remove` };
      const wait = ENDPOINT_RELEASE_WAITS_MS[attempt];
      if (wait === undefined || context.signal?.aborted) {
        return { warning: `left in place: the engine still counts an endpoint on it though no container is attached (a Docker Engine defect, moby/moby#43286); restarting dockerd frees it, and \`tsd up\` uses the network as it is` };
      }
      await context.clock.sleep(wait, context.signal);
    }
  }
}

/** Runs a data container's command to completion; a non-zero exit fails with its last output. */
async function runDataContainer(engine: Engine, name: string, context: DockerRunContext): Promise<void> {
  await engine.startContainer(name);
  let exitCode: number;
  try {
    exitCode = await engine.waitContainer(name, context.signal);
  } catch (error) {
    if (context.signal?.aborted) throw new InterruptedWaitError(`data container ${name}: interrupted`);
    throw error;
  }
  if (exitCode === 0) return;
  const lines: string[] = [];
  for await (const chunk of engine.logs(name, { follow: false, tail: 10, timestamps: false })) lines.push(chunk.text);
  const output = lines.join("").trim();
  throw new EngineError(`data container ${name}: its command exited with code ${exitCode}${output ? `:\n${output}` : ""}`);
}

/**
 * The engine's update endpoint; when the engine refuses (a memory limit
 * below what the container uses, a reservation above the limit), the
 * container is recreated instead, the way a recreate step does it: stopped,
 * parked under another name, replaced (anonymous volumes re-mounted:
 * they are in the spec), then removed. The step ends with a warning that
 * says why.
 */
async function updateInPlace(engine: Engine, operation: Extract<DockerOperation, { kind: "update-container" }>): Promise<NodeOutcome | void> {
  try {
    await engine.updateContainer(operation.name, operation.update);
    return;
  } catch (error) {
    if (error instanceof EngineUnavailableError) throw error;
    const refusal = error instanceof Error ? error.message : String(error);
    const current = await engine.inspectContainer(operation.name);
    if (!current) throw error;
    await engine.stopContainer(current.id);
    const parked = `${current.id.slice(0, 12)}_${current.name}`;
    await engine.renameContainer(current.id, parked);
    await engine.createContainer(operation.fallback.spec);
    if (operation.fallback.start) await engine.startContainer(operation.fallback.spec.name);
    await engine.removeContainer(current.id, { force: true, removeVolumes: false });
    return { warning: `${operation.name}: recreated, as the engine refused the change in place (${refusal})` };
  }
}
