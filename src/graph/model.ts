/**
 * The dependency graph of a stack. STUB types: owned by the graph/rules helper (may be extended, not narrowed).
 */

/** Kinds of node. */
export type NodeKind = "service" | "dataContainer" | "volume" | "network" | "secret" | "config";

/** Why one node depends on another. */
export type EdgeKind =
  | "depends_on"
  | "link"
  | "volumes_from"
  | "network_mode"
  | "ipc"
  | "pid"
  | "volume"
  | "network"
  | "secret"
  | "config";

/** A node id is `<kind>:<key>`, e.g. `service:web`. */
export type NodeId = string;

export interface GraphNode {
  readonly id: NodeId;
  readonly kind: NodeKind;
  /** Key in the stack. */
  readonly key: string;
}

/** `from` depends on `to` (so `to` is created first). */
export interface GraphEdge {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: EdgeKind;
}

/** An immutable, acyclic dependency graph. */
export interface StackGraph {
  /** Sorted by id. */
  readonly nodes: readonly GraphNode[];
  /** Sorted by from, to, kind. */
  readonly edges: readonly GraphEdge[];
  /** Dependencies first; ties broken by id so the order is deterministic. */
  readonly order: readonly NodeId[];
}
