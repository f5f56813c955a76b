/**
 * Accumulates plan nodes with readable ids and returns them in a valid,
 * deterministic execution order. Each target's planner uses one, with its
 * own operations and the function that describes them.
 */
import { InternalError } from "../base/errors.js";
import type { HeldChange, Plan, PlanNode, PlanOperation, PlanSubject, StepAction } from "./plan.js";

/** How a target describes its operations: what each amounts to, and what it acts on. */
export type DescribeOperation<Op extends PlanOperation> = (operation: Op) => { readonly action: StepAction; readonly target: string };

/** Collects nodes; ids are `<kind>:<target>`. */
export class PlanBuilder<Op extends PlanOperation> {
  private readonly nodes = new Map<string, PlanNode<Op>>();
  private readonly notes: string[] = [];

  constructor(private readonly describe: DescribeOperation<Op>) {}

  /** Adds a node; returns its id. `after` may name ids added later. */
  add(operation: Op, subject: PlanSubject, cause: string, after: readonly (string | undefined)[] = []): string {
    const { action, target } = this.describe(operation);
    const id = `${operation.kind}:${target}`;
    if (this.nodes.has(id)) throw new InternalError(`plan node ${id} added twice`);
    this.nodes.set(id, { id, operation, action, target, subject, cause, after: dedupe(after) });
    return id;
  }

  /** Makes `id` also wait for `after`. */
  addAfter(id: string, after: readonly (string | undefined)[]): void {
    const node = this.nodes.get(id);
    if (!node) throw new InternalError(`no plan node ${id}`);
    this.nodes.set(id, { ...node, after: dedupe([...node.after, ...after]) });
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Dependencies first; among ready nodes, insertion order (which follows the stack graph). */
  build(held?: readonly HeldChange[]): Plan<Op> {
    for (const node of this.nodes.values()) {
      for (const dependency of node.after) {
        if (!this.nodes.has(dependency)) throw new InternalError(`plan node ${node.id} waits for unknown node ${dependency}`);
      }
    }
    const ordered: PlanNode<Op>[] = [];
    const done = new Set<string>();
    const pending = [...this.nodes.values()];
    while (pending.length > 0) {
      const index = pending.findIndex((node) => node.after.every((dependency) => done.has(dependency)));
      if (index < 0) throw new InternalError(`plan has a cycle among ${pending.map((node) => node.id).join(", ")}`);
      const [node] = pending.splice(index, 1) as [PlanNode<Op>];
      ordered.push(node);
      done.add(node.id);
    }
    return { nodes: ordered, notes: [...this.notes], ...(held ? { held } : {}) };
  }
}

function dedupe(ids: readonly (string | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
