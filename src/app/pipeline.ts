/**
 * The reconcile pipeline, assembled once for `up`, `down`, the watch loop's
 * passes and `run`'s dependencies: lock → observe → plan (pure, by the
 * target) → show → walk the DAG, one target call per node. Every step is an
 * event; a dry run stops after the plan.
 */
import { type Plan, planSteps } from "../plan/plan.js";
import { walkPlan } from "../plan/walk.js";
import { failureWording, type DownPlanOptions, type Target, type UpPlanOptions } from "../targets/target.js";
import type { StackContext } from "./context.js";
import { refuseUnsupported } from "./target-check.js";

/** Which plan, and how to run it. */
export type ReconcileRequest = (
  | { readonly direction: "up"; readonly options: UpPlanOptions }
  | { readonly direction: "down"; readonly options: DownPlanOptions }
) & {
  /** Show the plan, change nothing (no lock is taken either). */
  readonly dryRun: boolean;
  readonly parallelism: number;
  /** How long a `depends_on` condition or a seed run may take. */
  readonly waitTimeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called with the plan before it runs (and instead of running it, for a dry run). */
  readonly onPlan?: (plan: Plan) => void | Promise<void>;
  /** `false`: the plan's notes (orphans left in place) are not told; `run` brings dependencies up without them. */
  readonly tellNotes?: boolean;
  /** `false`: the target does not report the replicas' status (a supervisor already does). */
  readonly reportStatus?: boolean;
  /** Runs once the lock is held, before observing (the watch loop builds an image here). */
  readonly prepare?: () => Promise<void>;
};

/** Plans and (unless a dry run) applies; returns the plan. */
export async function reconcile(context: StackContext, request: ReconcileRequest): Promise<Plan> {
  // Before the target is even opened: a refused field must cost no engine call.
  if (request.direction === "up") refuseUnsupported(context.targetName, context.project, context.targetOptions.allowUnsupported);
  const target: Target = await context.target();
  const lock = request.dryRun ? undefined : await context.lock(request.signal);
  try {
    await request.prepare?.();
    const project = context.project;
    const observed = await target.observe(project);
    const plan = request.direction === "up" ? target.planUp(project, observed, request.options) : target.planDown(project, observed, request.options);
    if (request.tellNotes !== false) for (const note of plan.notes) context.emit({ type: "warning", message: note });
    context.emit({ type: "plan", steps: planSteps(plan), notes: plan.notes, dryRun: request.dryRun });
    await request.onPlan?.(plan);
    if (!request.dryRun) await apply(context, target, plan, observed, request);
    return plan;
  } finally {
    lock?.release();
  }
}

/** Walks `plan` on `target`: the shared DAG walk, with the target's runner and wording. */
export async function apply(context: StackContext, target: Target, plan: Plan, observed: unknown, request: Pick<ReconcileRequest, "parallelism" | "waitTimeoutMs" | "signal" | "reportStatus">): Promise<void> {
  const runner = target.runner(context.project, plan, observed, {
    waitTimeoutMs: request.waitTimeoutMs,
    reportStatus: request.reportStatus !== false,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  await walkPlan(plan, (node) => runner.run(node), {
    parallelism: request.parallelism,
    emit: context.events.publish,
    clock: context.clock,
    describeFailure: failureWording(target),
    ...(request.signal ? { signal: request.signal } : {}),
  });
}
