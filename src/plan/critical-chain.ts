/**
 * The critical chain of a plan (as systemd-analyze and process-compose show
 * one): the dependency path that decided how long the run took, each step
 * with its duration. Pure: it reads step timings (taken from the walk's step
 * events) or step durations (recorded by an earlier run) and returns values;
 * the CLI renders them.
 *
 * After a run the chain is measured: from the step that finished last, go
 * back each time to the dependency that finished last, the one it really
 * waited for. Before a run (`tsd plan --timings`) it is estimated: the
 * longest path through the plan's DAG, each step weighted by what the same
 * step took last time.
 */
import type { PlanStep, StackEvent } from "../events/stack-event.js";

/** When one step started and ended (milliseconds, the events' clock). */
export interface StepTiming {
  readonly startedAt: number;
  readonly endedAt: number;
}

/** One step of the chain. */
export interface ChainLink {
  readonly step: PlanStep;
  /** How long the step itself took; undefined when estimated and never measured. */
  readonly durationMs: number | undefined;
  /** When it began, from the chain's start. */
  readonly offsetMs: number;
  /** Measured only: how long it stood ready (its dependency done) before it began; a full walk shows here. */
  readonly queuedMs: number;
}

/** The chain, first step first. */
export interface CriticalChain {
  readonly links: readonly ChainLink[];
  /** From the first link's start to the last link's end. */
  readonly totalMs: number;
  readonly source: "measured" | "estimated";
  /** Steps of the plan without a duration to go on (estimated only). */
  readonly unknownSteps: number;
}

/** Collects step timings from the event stream, as a renderer sees it. */
export class StepTimings {
  readonly #started = new Map<string, number>();
  readonly #timings = new Map<string, StepTiming>();

  /** Feed every event; only step started/done count (a failed or skipped step is not part of a finished chain). */
  observe(event: StackEvent): void {
    if (event.type !== "step") return;
    if (event.phase === "started") this.#started.set(event.step.id, event.at);
    if (event.phase === "done") {
      const startedAt = this.#started.get(event.step.id);
      if (startedAt !== undefined) this.#timings.set(event.step.id, { startedAt, endedAt: event.at });
    }
  }

  /** The timings so far, by step id. */
  timings(): ReadonlyMap<string, StepTiming> {
    return this.#timings;
  }
}

/** The chain of a finished run: back from the last step to finish, through the dependency each step waited for last. */
export function measuredCriticalChain(steps: readonly PlanStep[], timings: ReadonlyMap<string, StepTiming>): CriticalChain {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const timed = steps.filter((step) => timings.has(step.id));
  const last = maxBy(timed, (step) => timings.get(step.id)?.endedAt ?? 0);
  if (!last) return { links: [], totalMs: 0, source: "measured", unknownSteps: 0 };
  const reversed: PlanStep[] = [];
  for (let step: PlanStep | undefined = last; step; ) {
    reversed.push(step);
    const dependencies: PlanStep[] = step.after.flatMap((id) => (byId.has(id) && timings.has(id) ? [byId.get(id) as PlanStep] : []));
    step = maxBy(dependencies, (dependency) => timings.get(dependency.id)?.endedAt ?? 0);
  }
  const chain = reversed.reverse();
  const origin = timings.get(chain[0]?.id ?? "")?.startedAt ?? 0;
  const links = chain.map((step, index): ChainLink => {
    const timing = timings.get(step.id) as StepTiming;
    const previous = index > 0 ? timings.get(chain[index - 1]?.id ?? "") : undefined;
    return { step, durationMs: timing.endedAt - timing.startedAt, offsetMs: timing.startedAt - origin, queuedMs: previous ? Math.max(0, timing.startedAt - previous.endedAt) : 0 };
  });
  return { links, totalMs: (timings.get(last.id)?.endedAt ?? origin) - origin, source: "measured", unknownSteps: 0 };
}

/**
 * The longest path through the plan, each step weighted by `durations`
 * (by step id; steps missing from it count 0 and are counted as unknown).
 * `steps` must be in plan order (dependencies first), as plans are.
 */
export function estimatedCriticalChain(steps: readonly PlanStep[], durations: ReadonlyMap<string, number>): CriticalChain {
  const finish = new Map<string, { readonly at: number; readonly via: string | undefined }>();
  for (const step of steps) {
    const via = maxBy(step.after.filter((id) => finish.has(id)), (id) => finish.get(id)?.at ?? 0);
    const begins = via === undefined ? 0 : (finish.get(via)?.at ?? 0);
    finish.set(step.id, { at: begins + (durations.get(step.id) ?? 0), via });
  }
  const byId = new Map(steps.map((step) => [step.id, step]));
  const end = maxBy([...finish.keys()], (id) => finish.get(id)?.at ?? 0);
  const chain: PlanStep[] = [];
  for (let id = end; id !== undefined; id = finish.get(id)?.via) chain.unshift(byId.get(id) as PlanStep);
  const links = chain.map((step): ChainLink => {
    const duration = durations.get(step.id);
    const via = finish.get(step.id)?.via;
    return { step, durationMs: duration, offsetMs: via === undefined ? 0 : (finish.get(via)?.at ?? 0), queuedMs: 0 };
  });
  const unknownSteps = steps.filter((step) => !durations.has(step.id)).length;
  return { links, totalMs: end === undefined ? 0 : (finish.get(end)?.at ?? 0), source: "estimated", unknownSteps };
}

/** Durations by step id, from a run's timings (what `plan --timings` estimates with). */
export function stepDurations(timings: ReadonlyMap<string, StepTiming>): Map<string, number> {
  return new Map([...timings].map(([id, timing]) => [id, timing.endedAt - timing.startedAt]));
}

/** The first item with the greatest key; ties keep plan order, so chains are deterministic. */
function maxBy<T>(items: readonly T[], key: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestKey = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    const value = key(item);
    if (value > bestKey) [best, bestKey] = [item, value];
  }
  return best;
}
