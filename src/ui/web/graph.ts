/**
 * The live dependency graph: dagre lays out the services and data
 * containers (edges: depends_on and the implicit ones, labelled by
 * condition), drawn as SVG. Each node carries `data-service` and
 * `data-status`, shows its status in colour and words, what it waits on,
 * and how many audit findings concern it.
 */
import dagre from "@dagrejs/dagre";
import { useMemo } from "preact/hooks";
import { html } from "./html.js";
import { conditionWord, type NodeStatus, nodeStatus, waitingOn } from "./model.js";
import type { ReplicaOverview, ViewEdge, ViewFinding, ViewNode } from "./types.js";

const NODE_WIDTH = 150;
const NODE_HEIGHT = 62;

interface Placed {
  readonly nodes: readonly { readonly node: ViewNode; readonly x: number; readonly y: number }[];
  readonly edges: readonly { readonly edge: ViewEdge; readonly points: readonly { x: number; y: number }[]; readonly label: { x: number; y: number } }[];
  readonly width: number;
  readonly height: number;
}

/** Lays the graph out (dependents left, what they wait on right). */
function layout(nodes: readonly ViewNode[], edges: readonly ViewEdge[]): Placed {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", nodesep: 22, ranksep: 64, edgesep: 12, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  // Labels are drawn at each path's middle: sized labels would make dagre add a rank per edge and shrink the drawing.
  edges.forEach((edge, index) => graph.setEdge({ v: edge.from, w: edge.to, name: String(index) }, {}));
  dagre.layout(graph);
  const label = graph.graph();
  return {
    nodes: nodes.map((node) => {
      const placed = graph.node(node.name);
      return { node, x: placed.x - NODE_WIDTH / 2, y: placed.y - NODE_HEIGHT / 2 };
    }),
    edges: edges.map((edge, index) => {
      const placed = graph.edge({ v: edge.from, w: edge.to, name: String(index) });
      const points = placed.points ?? [];
      return { edge, points, label: middleOf(points) };
    }),
    width: label.width ?? NODE_WIDTH,
    height: label.height ?? NODE_HEIGHT,
  };
}

/** The point halfway along a polyline. */
function middleOf(points: readonly { x: number; y: number }[]): { x: number; y: number } {
  const lengths = points.slice(1).map((point, index) => Math.hypot(point.x - (points[index]?.x ?? 0), point.y - (points[index]?.y ?? 0)));
  let remaining = lengths.reduce((sum, length) => sum + length, 0) / 2;
  for (const [index, length] of lengths.entries()) {
    const start = points[index] ?? { x: 0, y: 0 };
    const end = points[index + 1] ?? start;
    if (remaining <= length && length > 0) return { x: start.x + ((end.x - start.x) * remaining) / length, y: start.y + ((end.y - start.y) * remaining) / length };
    remaining -= length;
  }
  return points[0] ?? { x: 0, y: 0 };
}

function pathOf(points: readonly { x: number; y: number }[]): string {
  return points.map((point, index) => `${index === 0 ? "M" : "L"}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(" ");
}

/** Cuts text to fit a node. */
function fit(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The graph pane. */
export function GraphPane(props: { readonly nodes: readonly ViewNode[]; readonly edges: readonly ViewEdge[]; readonly services: readonly ReplicaOverview[]; readonly findings: readonly ViewFinding[] }) {
  const { nodes, edges, services, findings } = props;
  const placed = useMemo(() => layout(nodes, edges), [nodes, edges]);
  const statuses = new Map<string, NodeStatus>(nodes.map((node) => [node.name, nodeStatus(node.name, services)]));
  if (nodes.length === 0) return html`<p class="empty">The stack has no services.</p>`;
  return html`
    <svg class="graph" viewBox=${`0 0 ${placed.width} ${placed.height}`} width=${placed.width} height=${placed.height} role="img" aria-label="dependency graph">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
        </marker>
      </defs>
      ${placed.edges.map(
        ({ edge, points }) => html`
          <g class=${`edge edge-${edge.kind}${edge.required ? "" : " optional"}`} data-from=${edge.from} data-to=${edge.to} data-condition=${conditionWord(edge)}>
            <path d=${pathOf(points)} marker-end="url(#arrow)" />
          </g>
        `,
      )}
      ${placed.nodes.map(({ node, x, y }) => {
        const status = statuses.get(node.name) ?? { state: "pending", text: "pending" };
        const blockers = waitingOn(node, edges, statuses);
        const count = findings.filter((finding) => finding.service === node.name).length;
        return html`
          <g class=${`node status-${status.state} kind-${node.kind}`} data-service=${node.name} data-status=${status.state} transform=${`translate(${x},${y})`}>
            <title>${node.name}: ${status.text}${blockers.length > 0 ? `\nwaiting on ${blockers.join(", ")}` : ""}</title>
            <rect width=${NODE_WIDTH} height=${NODE_HEIGHT} rx="8" />
            <rect class="status-bar" width="6" height=${NODE_HEIGHT} rx="3" />
            <text x="16" y="22" class="node-name">${fit(node.name, 15)}${node.kind === "data-container" ? " (data)" : ""}</text>
            <text x="16" y="39" class="node-status">${fit(status.text, 19)}</text>
            ${blockers.length > 0 ? html`<text x="16" y="54" class="node-waiting" data-waiting=${blockers.join(", ")}>${fit(`waiting on ${blockers.join(", ")}`, 22)}</text>` : null}
            ${count > 0 ? html`<g class="node-findings" transform=${`translate(${NODE_WIDTH - 34},8)`}><rect width="26" height="16" rx="8" /><text x="13" y="12" text-anchor="middle">${count}</text><title>${count} audit finding(s)</title></g>` : null}
          </g>
        `;
      })}
      ${placed.edges.map(({ edge, label }) => html`<text x=${label.x} y=${label.y + 4} text-anchor="middle" class="edge-label">${conditionWord(edge)}</text>`)}
    </svg>
  `;
}
