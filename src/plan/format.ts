/**
 * A plan as people and machines read it, the same for every target:
 * `tsd plan` prints the text, `tsd plan --format json` the JSON, and the
 * dashboard shows the steps. Each step names the steps it waits for, so
 * the text pins the DAG's edges, not only its order.
 */
import type { Plan, PlanStep } from "./plan.js";
import { planSteps } from "./plan.js";

/**
 * The plan as text: one line per step, `operation  target  (cause)`, then,
 * indented under it, the steps it waits for; a note per line at the end.
 */
export function formatPlan(plan: Plan): string {
  return formatSteps(planSteps(plan), plan.notes);
}

/** {@link formatPlan} over steps already taken out of a plan. */
export function formatSteps(steps: readonly PlanStep[], notes: readonly string[] = []): string {
  const lines: string[] = [];
  if (steps.length === 0) lines.push("nothing to do");
  const width = Math.max(0, ...steps.map((step) => step.operation.length));
  for (const step of steps) {
    lines.push(`${step.operation.padEnd(width)}  ${step.target}  (${step.cause})`);
    if (step.after.length > 0) lines.push(`${" ".repeat(width)}  ↳ after ${step.after.join(", ")}`);
  }
  for (const note of notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}

/** The plan for machines (`tsd plan --format json`): what, why, and after what; no engine specs. */
export function planToJson(plan: Plan): unknown {
  return { operations: planSteps(plan), notes: plan.notes };
}
