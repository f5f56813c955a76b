/**
 * How a plan that did not run to its end is explained: which operations
 * failed and why (named by the service they were for), what was not started
 * because it depended on a failure, and, for an interrupted run, which
 * services were finished and which were left for the next `up`.
 */
import { EngineError } from "../base/errors.js";
import type { PlanNode } from "./plan.js";

/** One node that failed, with the error the engine (or a wait) gave. */
export interface NodeFailure {
  readonly node: PlanNode;
  readonly error: Error;
}

/**
 * Some operations failed; everything that did not depend on them ran. The
 * message names each failure by its service; the hint collects the failures'
 * own hints.
 */
export class PlanFailedError extends EngineError {
  constructor(
    readonly failures: readonly NodeFailure[],
    /** Nodes never started because something they wait for failed. */
    readonly skipped: readonly PlanNode[],
    nodes: readonly PlanNode[],
  ) {
    const described = failures.map((failure) => describeFailure(failure, nodes));
    const lines = described.map((failure) => failure.text);
    const heading = lines.length === 1 ? (lines[0] as string) : `${lines.length} operations failed:\n${lines.map((line) => `  ${line}`).join("\n")}`;
    const failed = new Set(described.flatMap((failure) => failure.services));
    const notStarted = subjectNames(skipped).filter((name) => !failed.has(name));
    super(
      notStarted.length > 0 ? `${heading}\nnot started, as they depend on what failed: ${notStarted.join(", ")}` : heading,
      uniqueHints(failures.map((failure) => failure.error)),
    );
  }
}

/**
 * The run was interrupted (SIGINT, SIGTERM): no operation started after the
 * signal, the ones in flight finished. Names the services this run finished
 * and the ones it left.
 */
export class PlanInterruptedError extends EngineError {
  constructor(
    /** Services (and data containers) all of whose operations finished. */
    readonly done: readonly string[],
    /** Services with operations not run (or failed). */
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

/** `web`, `data container seed`; undefined for networks, volumes and images. */
function subjectName(node: PlanNode): string | undefined {
  switch (node.subject.kind) {
    case "service":
      return node.subject.key;
    case "data-container":
      return `data container ${node.subject.key}`;
    default:
      return undefined;
  }
}

function subjectNames(nodes: readonly PlanNode[]): string[] {
  return [...new Set(nodes.map(subjectName).filter((name): name is string => name !== undefined))].sort();
}

/**
 * One failure in the user's terms. An image that could not be pulled is
 * reported for the services that needed it; a wait's and a data container's
 * errors already say whose they are.
 */
function describeFailure({ node, error }: NodeFailure, nodes: readonly PlanNode[]): { readonly services: readonly string[]; readonly text: string } {
  const operation = node.operation;
  const own = subjectName(node);
  switch (operation.kind) {
    case "pull-image": {
      const users = nodes
        .filter((other) => other.operation.kind === "create-container" && other.after.includes(node.id))
        .map((other) => other.subject.key);
      const who = [...new Set(users)].sort();
      const prefix = who.length === 0 ? "" : `service${who.length > 1 ? "s" : ""} ${who.join(", ")}: `;
      // The adapter words it `pull image "ref": <engine's words>`; the engine's words are what matter here.
      const detail = error.message.replace(`pull image "${operation.reference}": `, "");
      return { services: who, text: `${prefix}image "${operation.reference}" not found locally and could not be pulled: ${detail}` };
    }
    case "await-condition":
      // `web depends on db (service_healthy): …`: the dependent is what failed to start.
      return { services: [], text: error.message };
    case "run-data-container":
      return { services: own === undefined ? [] : [own], text: error.message };
    default:
      return {
        services: own === undefined ? [] : [own],
        text: node.subject.kind === "service" ? `service ${node.subject.key}: ${error.message}` : error.message,
      };
  }
}

function uniqueHints(errors: readonly Error[]): string | undefined {
  const hints = [...new Set(errors.map((error) => (error instanceof EngineError ? error.hint : undefined)).filter((hint): hint is string => hint !== undefined))];
  return hints.length > 0 ? hints.join("; ") : undefined;
}
