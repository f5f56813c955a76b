/**
 * What the dashboard shows of the stack files, computed once per (re)load
 * for every tab: the graph of services and data containers, the plan `tsd up`
 * would run now (the same JSON as `tsd plan --format json`), the audit's
 * findings and the images' layers. File paths are shown relative to the
 * project directory, as the CLI shows them.
 */
import { relative } from "node:path";
import { auditFindings } from "../../app/stack-reading.js";
import { stackLayers, type StackImage } from "../../app/history.js";
import type { StackSession } from "../../app/session.js";
import type { UpPlanOptions } from "../../app/up.js";
import { ConfigError, type Location, TsdError } from "../../base/errors.js";
import type { GraphEdge, GraphNode } from "../../graph/model.js";
import { planToJson } from "../../plan/format.js";

/** A node of the dashboard's graph. */
export interface ViewNode {
  /** The service's or data container's key: what `data-service` carries. */
  readonly name: string;
  readonly kind: "service" | "data-container";
  /** Others wait for it with `service_completed_successfully`: done, not down, once it exits 0. */
  readonly oneShot: boolean;
  /** A service with a `build:` section: the page offers to rebuild it. */
  readonly buildable: boolean;
}

/** An edge: `from` waits for `to`. */
export interface ViewEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdge["kind"];
  /** depends_on: `service_healthy`, `service_started`, `service_completed_successfully`. */
  readonly condition?: string;
  readonly required: boolean;
}

/** One audit finding, placed. */
export interface ViewFinding {
  readonly rule: string;
  readonly severity: string;
  readonly service: string;
  readonly message: string;
  readonly fix: string;
  /** `stack.yml:12`, when known. */
  readonly where?: string;
}

/** Why the last edit did not load: the located problems, nothing applied. */
export interface LoadProblem {
  readonly message: string;
  readonly issues: readonly { readonly where?: string; readonly path: string; readonly message: string }[];
  readonly hint?: string;
}

/** Everything the panes read from the files. */
export interface ProjectView {
  /** Grows with every reload, good or bad. */
  readonly revision: number;
  readonly project: string;
  readonly directory: string;
  readonly files: readonly string[];
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  /** `tsd plan --format json`, or why it could not be made. */
  readonly plan: unknown;
  readonly planError?: string;
  readonly findings: readonly ViewFinding[];
  readonly layers: readonly StackImage[];
  /** Set while the files do not load: the panes show the last good stack. */
  readonly problem?: LoadProblem;
}

/** The graph's services and data containers, and the edges between them. */
export function graphView(project: StackSession["project"]): { nodes: ViewNode[]; edges: ViewEdge[] } {
  const shown = (node: GraphNode | undefined) => node !== undefined && (node.kind === "service" || node.kind === "dataContainer");
  const byId = new Map(project.graph.nodes.map((node) => [node.id, node]));
  const services = Object.values(project.stack.services);
  const nodes = project.graph.nodes.filter(shown).map((node) => ({
    name: node.key,
    kind: node.kind === "service" ? ("service" as const) : ("data-container" as const),
    oneShot: services.some((service) => service.dependsOn[node.key]?.condition === "service_completed_successfully"),
    buildable: node.kind === "service" && project.stack.services[node.key]?.build !== undefined,
  }));
  const edges = project.graph.edges
    .filter((edge) => shown(byId.get(edge.from)) && shown(byId.get(edge.to)))
    .map((edge) => ({
      from: byId.get(edge.from)?.key ?? edge.from,
      to: byId.get(edge.to)?.key ?? edge.to,
      kind: edge.kind,
      ...(edge.condition ? { condition: edge.condition } : {}),
      required: edge.required ?? true,
    }));
  return { nodes, edges };
}

/** `stack.yml:12` (`:column` too when asked), relative to the project directory. */
export function placeText(location: Location | undefined, directory: string, column = false): string | undefined {
  if (!location) return undefined;
  return `${relative(directory, location.file) || location.file}:${location.line}${column ? `:${location.column}` : ""}`;
}

/** A failed load in the banner's terms. */
export function loadProblem(error: unknown, directory: string): LoadProblem {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof TsdError && error.hint ? { hint: error.hint } : {};
  if (!(error instanceof ConfigError)) return { message, issues: [], ...hint };
  const issues = error.issues.map((issue) => {
    const where = placeText(issue.location, directory, true);
    return { ...(where ? { where } : {}), path: issue.path, message: issue.message };
  });
  return { message, issues, ...hint };
}

/** Builds the view of the session's project; `planner` plans (that needs the engine; a failure there is shown, not thrown). */
export async function buildProjectView(session: StackSession, planner: StackSession, plan: UpPlanOptions, revision: number, problem: LoadProblem | undefined, previous?: ProjectView): Promise<ProjectView> {
  const { project } = session;
  const directory = project.stack.projectDir;
  const planned = await planner.plan({ plan, waitTimeoutMs: 60_000 }).then(
    (result) => ({ plan: planToJson(result) }),
    (error: unknown) => ({ plan: { operations: [], notes: [] }, planError: error instanceof Error ? error.message : String(error) }),
  );
  const layers = await stackLayers(session).catch(() => []);
  return {
    revision,
    project: project.stack.name,
    directory,
    files: project.stack.files.map((file) => relative(directory, file) || file),
    ...graphView(project),
    ...planned,
    // While the files do not load, the audit (which reads them afresh) keeps its last good findings.
    findings: problem && previous ? previous.findings : findingsOf(session, directory),
    layers,
    ...(problem ? { problem } : {}),
  };
}

/** The audit's findings on the files as they are (an audit that cannot run shows none). */
function findingsOf(session: StackSession, directory: string): ViewFinding[] {
  try {
    const result = auditFindings({ load: session.selection.load, target: session.targetName, emit: () => undefined }, []);
    return result.findings.map((finding) => {
      const where = placeText(finding.location, directory);
      return { rule: finding.rule, severity: finding.severity, service: finding.service, message: finding.message, fix: finding.fix, ...(where ? { where } : {}) };
    });
  } catch {
    return [];
  }
}
