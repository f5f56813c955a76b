/**
 * The use cases that read the stack and touch no engine: `tsd config`,
 * `tsd graph`, `tsd audit`. Each loads afresh (never from the stack cache:
 * they are how a user checks a file) and reports the loader's and the
 * target's warnings, so `config` rejects and warns exactly as `up` would.
 */
import { auditStack, type AuditResult } from "../audit/audit.js";
import type { ReadFile } from "../audit/finding.js";
import type { EventSink } from "../events/stack-event.js";
import { type GraphFormat, formatGraph } from "../graph/format.js";
import { type LocatedProject, loadProject } from "../project/project.js";
import { checkServiceNames } from "../project/services.js";
import { pathKind, readText } from "../stack/host.js";
import type { LoadOptions } from "../stack/load.js";
import { type ComposeDocument, renderStack } from "../stack/render.js";
import type { TargetName } from "../targets/target.js";
import { refuseUnsupported, targetWarnings } from "./target-check.js";

/** Which stack, on which target, and where warnings go. */
export interface ReadRequest {
  readonly load: LoadOptions;
  readonly target: TargetName;
  /** `--allow-unsupported`: the target's refusals become warnings. */
  readonly allowUnsupported?: boolean;
  readonly emit: EventSink;
}

/** Loads afresh and tells every warning. */
function load(request: ReadRequest): LocatedProject {
  const project = loadProject(request.load);
  const at = Date.now();
  const allow = request.allowUnsupported ?? false;
  for (const message of [...project.warnings, ...targetWarnings(request.target, project, allow)]) request.emit({ type: "warning", message, at });
  // `config` rejects what `up` on the same target would.
  refuseUnsupported(request.target, project, allow);
  return project;
}

/** `tsd config`: the stack, validated, as a canonical Compose document. */
export function configDocument(request: ReadRequest): { readonly project: LocatedProject; readonly document: ComposeDocument } {
  const project = load(request);
  return { project, document: renderStack(project.stack) };
}

/** `tsd graph`: the dependency graph in a format. */
export function graphText(request: ReadRequest, format: GraphFormat): string {
  return formatGraph(load(request).graph, format);
}

/** `tsd audit`: the findings, for the named services (empty: all). */
export function auditFindings(request: ReadRequest, services: readonly string[]): AuditResult {
  const project = load(request);
  checkServiceNames(project, services);
  return auditStack(project.stack, project.locate, { services, readFile: readPlainFile });
}

/** A Dockerfile's text, when it is a plain file (not a directory, a FIFO or missing), read as the loader reads files. */
const readPlainFile: ReadFile = (path) => {
  if (pathKind(path) !== "file") return undefined;
  try {
    return readText(path);
  } catch {
    // Unreadable (permissions): the rule then says what it says without a Dockerfile.
    return undefined;
  }
};
