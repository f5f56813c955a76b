/**
 * Accumulates plan nodes with readable ids and returns them in a valid,
 * deterministic execution order.
 */
import { InternalError } from "../base/errors.js";
import type { Operation, Plan, PlanNode, PlanSubject } from "./plan.js";
import { operationTarget } from "./plan.js";

/** Collects nodes; ids are `<kind>:<target>`. */
export class PlanBuilder {
  private readonly nodes = new Map<string, PlanNode>();
  private readonly notes: string[] = [];

  /** Adds a node; returns its id. `after` may name ids added later. */
  add(operation: Operation, subject: PlanSubject, cause: string, after: readonly (string | undefined)[] = []): string {
    const id = `${operation.kind}:${operationTarget(operation)}`;
    if (this.nodes.has(id)) throw new InternalError(`plan node ${id} added twice`);
    this.nodes.set(id, { id, operation, subject, cause, after: dedupe(after) });
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
  build(): Plan {
    for (const node of this.nodes.values()) {
      for (const dependency of node.after) {
        if (!this.nodes.has(dependency)) throw new InternalError(`plan node ${node.id} waits for unknown node ${dependency}`);
      }
    }
    const ordered: PlanNode[] = [];
    const done = new Set<string>();
    const pending = [...this.nodes.values()];
    while (pending.length > 0) {
      const index = pending.findIndex((node) => node.after.every((dependency) => done.has(dependency)));
      if (index < 0) throw new InternalError(`plan has a cycle among ${pending.map((node) => node.id).join(", ")}`);
      const [node] = pending.splice(index, 1) as [PlanNode];
      ordered.push(node);
      done.add(node.id);
    }
    return { nodes: ordered, notes: [...this.notes] };
  }
}

function dedupe(ids: readonly (string | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
