/**
 * One pass of the watch loop: re-read the stack files, re-observe the
 * engine, plan `up` (detached), hold back what would lose data, apply the
 * rest. Nothing is carried over from the previous pass but the engine
 * connection: the loop is level-triggered, so a missed event costs nothing
 * once the next one comes.
 */
import { loadProjectCached } from "../project/cached.js";
import type { Engine } from "../docker-api/engine.js";
import { ConfigError } from "../base/errors.js";
import type { Project } from "../project/project.js";
import { executePlan } from "../plan/walk.js";
import { observe } from "../targets/docker/observe.js";
import type { Plan } from "../plan/plan.js";
import { buildSpec } from "../targets/docker/planner/plan-resources.js";
import { planUp } from "../targets/docker/planner/plan-up.js";
import { lockProject } from "../plan/lock.js";
import { serviceImage } from "../stack/names.js";
import type { StackCacheSettings } from "../stack/cache.js";
import type { LoadOptions } from "../stack/load.js";
import { holdBackDestructive, type PendingChange } from "../targets/docker/planner/destructive.js";

/** How long a pass waits for another tsd (a `tsd up` in another terminal) working on the project. */
const LOCK_TIMEOUT_MS = 10 * 60_000;
const PARALLELISM = 8;

/** What every pass needs. */
export interface ConvergeSettings {
  readonly engine: Engine;
  readonly load: LoadOptions;
  readonly stackCache?: StackCacheSettings;
  /** Services given on the command line (with their dependencies); empty: all. */
  readonly services: readonly string[];
  /** tsd's version, written on what it creates. */
  readonly version: string;
  readonly waitTimeoutMs: number;
  readonly onLockWait: (ownerPid: number) => void;
}

/** How a pass ended. */
export type ConvergeOutcome =
  | { readonly kind: "applied"; readonly project: Project; readonly applied: Plan; readonly pending: readonly PendingChange[] }
  /** The stack does not load: nothing was touched. */
  | { readonly kind: "invalid"; readonly error: ConfigError }
  /** The engine refused part of the plan; what ran before the failure stays. */
  | { readonly kind: "failed"; readonly project?: Project; readonly error: Error };

/**
 * Converges the engine to the stack on disk. With `rebuild`, first builds
 * that service's image and converges only it (and what it depends on), so
 * it alone is recreated, keeping its anonymous volumes.
 */
export async function converge(settings: ConvergeSettings, rebuild?: string): Promise<ConvergeOutcome> {
  let project: Project;
  try {
    project = await loadProjectCached(settings.load, settings.stackCache);
  } catch (error) {
    if (error instanceof ConfigError) return { kind: "invalid", error };
    return { kind: "failed", error: asError(error) };
  }
  const { engine } = settings;
  const { stack } = project;
  let lock: { release(): void } | undefined;
  try {
    lock = await lockProject(stack.name, stack.projectId, LOCK_TIMEOUT_MS, settings.onLockWait);
    const service = rebuild === undefined ? undefined : stack.services[rebuild];
    if (service?.build) await engine.buildImage(buildSpec(stack, service, serviceImage(stack, rebuild as string)));
    const observed = await observe(engine, stack);
    const plan = planUp(stack, project.graph, observed, {
      services: rebuild !== undefined && service ? [rebuild] : settings.services,
      forceRecreate: false,
      noRecreate: false,
      // A rebuild has just built its image; the recreate follows from the new image ID.
      build: rebuild !== undefined ? "never" : "auto",
      renewAnonVolumes: false,
      // A service deleted from the file goes (unless its containers hold data: see destructive.ts).
      removeOrphans: true,
      scale: {},
      version: settings.version,
    });
    const { apply, pending } = holdBackDestructive({ plan, observed, stack });
    // No abort signal: a recreate cut short would leave the old container parked and no new one. Ctrl-C waits for the pass.
    await executePlan(engine, apply, { parallelism: PARALLELISM, waitTimeoutMs: settings.waitTimeoutMs });
    return { kind: "applied", project, applied: apply, pending };
  } catch (error) {
    return { kind: "failed", project, error: asError(error) };
  } finally {
    lock?.release();
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
