/**
 * `up --timings` and `plan --timings`: the critical chain, measured from
 * this run's step events or estimated from the last run's (recorded after
 * every `up`), printed on stderr so the plan on stdout stays as it is.
 */
import type { StackSession } from "../../app/session.js";
import { readTimings, recordTimings } from "../../app/timings.js";
import { estimatedCriticalChain, measuredCriticalChain, stepDurations, type StepTimings } from "../../plan/critical-chain.js";
import { type Plan, planSteps } from "../../plan/plan.js";
import { formatCriticalChain } from "../render/critical-chain.js";
import { timingsDirectory } from "../stack-options.js";

/** After a run: keeps its timings for the next `plan --timings`, and prints its chain when asked. */
export function afterRunTimings(session: StackSession, plan: Plan, timings: StepTimings, print: boolean): void {
  const directory = timingsDirectory();
  const { name, projectId } = session.project.stack;
  if (directory) recordTimings(directory, name, projectId, timings.timings(), Date.now());
  if (print) process.stderr.write(formatCriticalChain(measuredCriticalChain(planSteps(plan), timings.timings())));
}

/** Before a run: the plan's chain, weighted by what its steps took last time. */
export function printEstimatedChain(session: StackSession, plan: Plan): void {
  const directory = timingsDirectory();
  const { name, projectId } = session.project.stack;
  const recorded = directory ? readTimings(directory, name, projectId) : undefined;
  const chain = estimatedCriticalChain(planSteps(plan), stepDurations(recorded?.steps ?? new Map()));
  process.stderr.write(formatCriticalChain(chain, recorded?.recordedAt));
}
