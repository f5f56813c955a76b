/**
 * How a plan that did not run to its end is explained: which steps failed
 * and why (named by the service they were for), what was not started
 * because it depended on a failure, and, for an interrupted run, which
 * services were finished and which were left for the next `up`.
 */
import { EngineError } from "../base/errors.js";
import type { Plan, PlanNode, PlanOperation } from "./plan.js";

/** One node that failed, with the error the engine (or a wait) gave. */
export interface NodeFailure<Op extends PlanOperation = PlanOperation> {
  readonly node: PlanNode<Op>;
  readonly error: Error;
}

/** A failure in the user's words: the services it concerns and one line. */
export interface FailureText {
  /** The services the failure is reported for (so "not started" does not list them again). */
  readonly services: readonly string[];
  readonly text: string;
}

/** A target's wording of its own failures (a pull that failed is reported for the services that needed it). */
export type DescribeFailure<Op extends PlanOperation> = (failure: NodeFailure<Op>, plan: Plan<Op>) => FailureText;

/** `web`, `data container seed`; undefined for networks, volumes, images, secrets and configs. */
export function subjectName(node: PlanNode): string | undefined {
  switch (node.subject.kind) {
    case "service":
      return node.subject.key;
    case "data-container":
      return `data container ${node.subject.key}`;
    default:
      return undefined;
  }
}

/** The default wording: the error, prefixed with its service when it has one. */
export function describeFailureBySubject({ node, error }: NodeFailure): FailureText {
  const own = subjectName(node);
  return {
    services: own === undefined ? [] : [own],
    text: node.subject.kind === "service" ? `service ${node.subject.key}: ${error.message}` : error.message,
  };
}

/**
 * Some steps failed; everything that did not depend on them ran. The
 * message names each failure by its service; the hint collects the
 * failures' own hints.
 */
export class PlanFailedError extends EngineError {
  constructor(
    readonly failures: readonly (FailureText & { readonly error: Error })[],
    /** Nodes never started because something they wait for failed. */
    readonly skipped: readonly PlanNode[],
  ) {
    const lines = failures.map((failure) => failure.text);
    const heading = lines.length === 1 ? (lines[0] as string) : `${lines.length} operations failed:\n${lines.map((line) => `  ${line}`).join("\n")}`;
    const failed = new Set(failures.flatMap((failure) => failure.services));
    const notStarted = subjectNames(skipped).filter((name) => !failed.has(name));
    super(
      notStarted.length > 0 ? `${heading}\nnot started, as they depend on what failed: ${notStarted.join(", ")}` : heading,
      uniqueHints(failures.map((failure) => failure.error)),
    );
  }
}

/**
 * The run was interrupted (SIGINT, SIGTERM): no step started after the
 * signal, the ones in flight finished. Names the services this run finished
 * and the ones it left.
 */
export class PlanInterruptedError extends EngineError {
  constructor(
    /** Services (and data containers) all of whose steps finished. */
    readonly done: readonly string[],
    /** Services with steps not run (or failed). */
    readonly left: readonly string[],
  ) {
    const total = done.length + left.length;
    const leftText = left.length > 0 ? `; not finished: ${left.join(", ")}` : "";
    const progress = total === 0 ? "nothing changed" : `${done.length} of ${total} services done${leftText}`;
    super(`interrupted: ${progress}`);
    this.progress = progress;
  }

  /** `2 of 5 services done; not finished: api, web`, or `nothing changed`. */
  readonly progress: string;
}

/** Splits the plan's services into those all of whose nodes finished and the rest, each sorted. */
export function progressByService(nodes: readonly PlanNode[], finished: ReadonlySet<string>): { done: string[]; left: string[] } {
  const complete = new Map<string, boolean>();
  for (const node of nodes) {
    const name = subjectName(node);
    if (name === undefined) continue;
    complete.set(name, (complete.get(name) ?? true) && finished.has(node.id));
  }
  const names = [...complete.keys()].sort();
  return { done: names.filter((name) => complete.get(name)), left: names.filter((name) => !complete.get(name)) };
}

function subjectNames(nodes: readonly PlanNode[]): string[] {
  return [...new Set(nodes.map(subjectName).filter((name): name is string => name !== undefined))].sort();
}

function uniqueHints(errors: readonly Error[]): string | undefined {
  const hints = [...new Set(errors.map((error) => (error instanceof EngineError ? error.hint : undefined)).filter((hint): hint is string => hint !== undefined))];
  return hints.length > 0 ? hints.join("; ") : undefined;
}
