/**
 * `tsd up`, `tsd plan` and `tsd create`: converge the target to the stack,
 * through the one pipeline; `--wait` then waits until the stack is ready.
 */
import type { Plan } from "../plan/plan.js";
import type { UpPlanOptions, WaitReadyRequest } from "../targets/target.js";
import type { StackContext } from "./context.js";
import { DEFAULT_PARALLELISM } from "./defaults.js";
import { reconcile } from "./pipeline.js";

/** An `up` (or, with `dryRun`, a `plan`). */
export interface UpRequest {
  readonly plan: UpPlanOptions;
  readonly dryRun: boolean;
  readonly waitTimeoutMs: number;
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
  /** Called with the plan before it runs (and instead of running it, for a dry run). */
  readonly onPlan?: (plan: Plan) => void | Promise<void>;
}

/** Plans `up` and, unless a dry run, applies it; returns the plan. */
export function up(context: StackContext, request: UpRequest): Promise<Plan> {
  return context.run(request.dryRun ? "plan" : "up", () =>
    reconcile(context, {
      direction: "up",
      options: request.plan,
      dryRun: request.dryRun,
      parallelism: request.parallelism ?? DEFAULT_PARALLELISM,
      waitTimeoutMs: request.waitTimeoutMs,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onPlan ? { onPlan: request.onPlan } : {}),
    }),
  );
}

/** `up --wait`: until every selected service runs (healthy, where it has a health check) and every job is done. */
export async function waitReady(context: StackContext, request: WaitReadyRequest): Promise<void> {
  const target = await context.target();
  await context.run("wait", () => target.waitReady(context.project, request));
}
export type { UpPlanOptions, WaitReadyRequest } from "../targets/target.js";
export { defaultUpOptions } from "../targets/target.js";
