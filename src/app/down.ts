/**
 * `tsd down`: stop and remove the project's containers and networks;
 * volumes and data containers only with `-v`.
 */
import type { Plan } from "../plan/plan.js";
import type { DownPlanOptions } from "../targets/target.js";
import type { StackContext } from "./context.js";
import { DEFAULT_PARALLELISM, DOWN_WAIT_TIMEOUT_MS } from "./defaults.js";
import { reconcile } from "./pipeline.js";

/** A `down`. */
export interface DownRequest {
  readonly plan: DownPlanOptions;
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  readonly onPlan?: (plan: Plan) => void | Promise<void>;
}

/** Plans and applies `down`; returns the plan. */
export function down(context: StackContext, request: DownRequest): Promise<Plan> {
  return context.run("down", () =>
    reconcile(context, {
      direction: "down",
      options: request.plan,
      dryRun: request.dryRun ?? false,
      parallelism: DEFAULT_PARALLELISM,
      waitTimeoutMs: DOWN_WAIT_TIMEOUT_MS,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onPlan ? { onPlan: request.onPlan } : {}),
    }),
  );
}
