/**
 * The dependency graph of a stack: one node per service, data container and
 * top-level resource, one edge per reason a node needs another. Links,
 * volumes_from and the `service:x` modes are ordinary edges here, so walkers
 * need to know only "from waits for to".
 */
import type { DependencyCondition } from "../stack/model.js";

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

/** Every edge kind, in the order renderings list them. */
export const EDGE_KINDS: readonly EdgeKind[] = [
  "depends_on",
  "link",
  "volumes_from",
  "network_mode",
  "ipc",
  "pid",
  "volume",
  "network",
  "secret",
  "config",
];

/** A node id is `<kind>:<key>`, e.g. `service:web`. */
export type NodeId = string;

/** The id of the node of `kind` named `key`. */
export function nodeId(kind: NodeKind, key: string): NodeId {
  return `${kind}:${key}`;
}

export interface GraphNode {
  readonly id: NodeId;
  readonly kind: NodeKind;
  /** Key in the stack. */
  readonly key: string;
}

/**
 * `from` depends on `to` (so `to` is created first). The optional fields
 * describe the edge for renderings; each is present only for the kinds it
 * names.
 */
export interface GraphEdge {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: EdgeKind;
  /** depends_on: when the dependency counts as ready. */
  readonly condition?: DependencyCondition;
  /** depends_on: `false` when the dependency is optional. */
  readonly required?: boolean;
  /** link: the host name the dependency is reachable as (only when it differs from the service name). */
  readonly alias?: string;
  /** volumes_from, volume: every mount of it is read-only. */
  readonly readOnly?: boolean;
  /** volume, secret, config: container paths it is mounted at, in written order. */
  readonly targets?: readonly string[];
  /** network: aliases on that network. */
  readonly aliases?: readonly string[];
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
