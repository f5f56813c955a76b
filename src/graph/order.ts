/**
 * Deterministic ordering of a dependency graph, and the cycles that prevent
 * one.
 *
 * Why not `DepGraph.overallOrder()`: its order follows insertion order and
 * its cycle path depends on where the search started, so the same stack
 * written with keys in another order could print differently. Kahn's
 * algorithm with a sorted ready-list gives the lexicographically smallest
 * order (dependencies first, ties by id), whatever the input order.
 */
import type { DepGraph } from "dependency-graph";

/** The order, or the cycles (each as node ids, starting at its smallest id, not repeating it at the end). */
export type OrderResult = { ok: true; order: string[] } | { ok: false; cycles: string[][] };

/**
 * Orders the `nodeIds` of `graph` dependencies first; reports every cycle
 * when there is one. (DepGraph cannot list its nodes, hence the ids.)
 */
export function orderGraph<T>(graph: DepGraph<T>, nodeIds: readonly string[]): OrderResult {
  const nodes = [...nodeIds].sort(compare);
  const waitingOn = new Map<string, number>();
  const ready: string[] = [];
  for (const node of nodes) {
    const count = graph.directDependenciesOf(node).length;
    waitingOn.set(node, count);
    if (count === 0) ready.push(node);
  }
  ready.sort(compare);
  const order: string[] = [];
  while (ready.length > 0) {
    const next = ready.shift() as string;
    order.push(next);
    for (const dependant of graph.directDependantsOf(next)) {
      const count = (waitingOn.get(dependant) ?? 0) - 1;
      waitingOn.set(dependant, count);
      if (count === 0) insertSorted(ready, dependant);
    }
  }
  if (order.length === nodes.length) return { ok: true, order };
  const placed = new Set(order);
  return { ok: false, cycles: findCycles(graph, nodes.filter((node) => !placed.has(node))) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function insertSorted(list: string[], value: string): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle] as string, value) < 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, value);
}

/**
 * One cycle per strongly connected component that has one (a component of
 * several nodes, or a node depending on itself): the shortest cycle through
 * the component's smallest node, following dependencies in sorted order.
 * Components are returned sorted by their smallest node.
 */
function findCycles<T>(graph: DepGraph<T>, candidates: readonly string[]): string[][] {
  const within = new Set(candidates);
  const dependencies = (node: string): string[] => graph.directDependenciesOf(node).filter((next) => within.has(next)).sort(compare);
  const cycles: string[][] = [];
  for (const component of stronglyConnected(candidates, dependencies)) {
    const start = component[0] as string;
    const members = new Set(component);
    if (component.length === 1 && !dependencies(start).includes(start)) continue;
    cycles.push(shortestCycle(start, (node) => dependencies(node).filter((next) => members.has(next))));
  }
  return cycles.sort((a, b) => compare(a[0] as string, b[0] as string));
}

/** Breadth-first from `start` back to `start`; sorted neighbours make the choice among equal-length cycles stable. */
function shortestCycle(start: string, next: (node: string) => string[]): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const neighbour of next(node)) {
      if (neighbour === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        return path;
      }
      if (previous.has(neighbour)) continue;
      previous.set(neighbour, node);
      queue.push(neighbour);
    }
  }
  return [start];
}

/** Tarjan's algorithm; each component's members sorted. */
function stronglyConnected(nodes: readonly string[], next: (node: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const neighbour of next(node)) {
      if (!index.has(neighbour)) {
        visit(neighbour);
        low.set(node, Math.min(low.get(node) as number, low.get(neighbour) as number));
      } else if (onStack.has(neighbour)) {
        low.set(node, Math.min(low.get(node) as number, index.get(neighbour) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    components.push(component.sort(compare));
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return components;
}
