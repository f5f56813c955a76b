/**
 * Composition root for the engine verbs: load → graph → observe → plan →
 * execute. The engine is connected only after the stack has loaded, so an
 * invalid stack never causes a single engine call.
 */
import type { Engine } from "../docker-api/engine.js";
import { LABEL_KIND, LABEL_PROJECT, LABEL_PROJECT_DIR, LABEL_PROJECT_ID } from "../base/labels.js";
import type { ObservedContainer } from "../docker-api/types.js";
import { openStack } from "./session.js";
import type { Project } from "../project/project.js";
import { type ExecutionEvent, executePlan } from "../plan/walk.js";
import { observe } from "../targets/docker/observe.js";
import type { Plan } from "../plan/plan.js";
import { type DownPlanOptions, planDown } from "../targets/docker/planner/plan-down.js";
import { planUp, type UpPlanOptions } from "../targets/docker/planner/plan-up.js";
import { lockProject } from "../plan/lock.js";
import type { StackCacheSettings } from "../stack/cache.js";
import type { LoadOptions } from "../stack/load.js";

/** How long a run waits for another tsd working on the same project before giving up. */
const LOCK_TIMEOUT_MS = 10 * 60_000;
/** `down` has no conditions to wait for; this bounds a data container's seed run, which down never starts. */
const DOWN_WAIT_TIMEOUT_MS = 60_000;
const DOWN_PARALLELISM = 8;

/** Takes the project's lock (see reconcile/project-lock.ts). */
function lockFor(project: Project, context: VerbContext) {
  return lockProject(project.stack.name, project.stack.projectId, LOCK_TIMEOUT_MS, context.onLockWait ?? (() => undefined), undefined, context.signal);
}

/** Connects to the engine; called at most once per command, after loading. */
export type ConnectEngine = () => Engine;

/** What every engine verb needs besides its own options. */
export interface VerbContext {
  readonly load: LoadOptions;
  /** Where loaded stacks are cached; absent: every run loads afresh. */
  readonly stackCache?: StackCacheSettings;
  readonly connect: ConnectEngine;
  readonly onWarning: (message: string) => void;
  readonly onEvent?: (event: ExecutionEvent) => void;
  /** Told when this run waits for another tsd on the same project. */
  readonly onLockWait?: (ownerPid: number) => void;
  readonly signal?: AbortSignal;
}

/** Options of `up` beyond the plan's. */
export interface UpOptions extends UpPlanOptions {
  readonly dryRun: boolean;
  readonly waitTimeoutMs: number;
  readonly parallelism: number;
  /** Called with the plan before it runs (and instead of running it for a dry run). */
  readonly onPlan?: (plan: Plan, project: Project) => void | Promise<void>;
}

/** The outcome of an `up`: the plan and the project it converged. */
export interface UpResult {
  readonly project: Project;
  readonly plan: Plan;
  readonly engine: Engine;
}

/** Loads, plans and (unless dry run) applies `up`. */
export async function up(context: VerbContext, options: UpOptions): Promise<UpResult> {
  const { project, engine } = await openStack(context, options.services);
  const lock = options.dryRun ? undefined : await lockFor(project, context);
  try {
    const plan = planUp(project.stack, project.graph, await observe(engine, project.stack), options);
    plan.notes.forEach(context.onWarning);
    await options.onPlan?.(plan, project);
    if (!options.dryRun) await apply(engine, plan, context, options.parallelism, options.waitTimeoutMs);
    return { project, plan, engine };
  } finally {
    lock?.release();
  }
}

/** Loads, plans and applies `down`. */
export async function down(context: VerbContext, options: DownPlanOptions & { readonly dryRun?: boolean; readonly onPlan?: (plan: Plan) => void | Promise<void> }): Promise<Plan> {
  const { project, engine } = await openStack(context);
  const lock = await lockFor(project, context);
  try {
    const plan = planDown(project.stack, project.graph, await observe(engine, project.stack), options);
    plan.notes.forEach(context.onWarning);
    await options.onPlan?.(plan);
    if (!options.dryRun) await apply(engine, plan, context, DOWN_PARALLELISM, DOWN_WAIT_TIMEOUT_MS);
    return plan;
  } finally {
    lock.release();
  }
}

async function apply(engine: Engine, plan: Plan, context: VerbContext, parallelism: number, waitTimeoutMs: number): Promise<void> {
  await executePlan(engine, plan, {
    parallelism,
    waitTimeoutMs,
    ...(context.onEvent ? { onEvent: context.onEvent } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
}

/** The project's containers, for `tsd ps`. */
export async function listProjectContainers(context: VerbContext, all: boolean, services: readonly string[] = []): Promise<{ project: Project; containers: ObservedContainer[] }> {
  const { project, engine } = await openStack(context, services);
  const containers = await engine.listContainers({ [LABEL_PROJECT]: project.stack.name, [LABEL_PROJECT_ID]: project.stack.projectId });
  const shown = containers.filter((container) => all || container.state === "running" || container.state === "restarting" || container.state === "paused");
  return { project, containers: shown.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** One project on the engine, for `tsd ls`. */
export interface ProjectSummary {
  readonly name: string;
  readonly directory: string;
  readonly running: number;
  readonly total: number;
}

/** Every tsd project on the engine, by name and folder. */
export async function listProjects(connect: ConnectEngine): Promise<ProjectSummary[]> {
  const containers = await connect().listContainers({ [LABEL_PROJECT]: undefined, [LABEL_KIND]: undefined });
  const projects = new Map<string, { name: string; directory: string; running: number; total: number }>();
  for (const container of containers) {
    const id = container.labels[LABEL_PROJECT_ID] ?? "";
    const entry = projects.get(id) ?? { name: container.labels[LABEL_PROJECT] ?? "", directory: container.labels[LABEL_PROJECT_DIR] ?? "", running: 0, total: 0 };
    entry.total += 1;
    if (container.state === "running") entry.running += 1;
    projects.set(id, entry);
  }
  return [...projects.values()].sort((a, b) => a.name.localeCompare(b.name) || a.directory.localeCompare(b.directory));
}
