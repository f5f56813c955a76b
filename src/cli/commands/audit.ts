/**
 * `tsd audit`: checks the stack against Docker's security practice (the CIS
 * Docker Benchmark's container items and the seeds' security tips). Reads
 * the stack only: no engine call, so it runs anywhere, in CI too.
 */
import { auditStack } from "../../audit/audit.js";
import type { ReadFile } from "../../audit/finding.js";
import { type FailOn, failsOn, renderJson, renderText } from "../../audit/report.js";
import { checkServiceNames } from "../../targets/docker/verbs/containers.js";
import { loadProject } from "../../project/project.js";
import { pathKind, readText } from "../../stack/host.js";
import { type StackOptions, printWarnings, toLoadOptions } from "../stack-options.js";
import { colourEnabled } from "../render/colour.js";

/** Flags of `tsd audit`. */
export interface AuditFlags extends StackOptions {
  readonly format: "text" | "json";
  readonly failOn: FailOn;
  /** False with `--no-color`. */
  readonly color?: boolean;
}

/** Runs `tsd audit`: prints the findings; exit code 1 when one is at or above `--fail-on`. */
export function runAudit(services: readonly string[], flags: AuditFlags): void {
  const project = loadProject(toLoadOptions(flags));
  printWarnings(project.warnings, process.stderr);
  checkServiceNames(project, services);
  const result = auditStack(project.stack, project.locate, { services, readFile: readPlainFile });
  process.stdout.write(flags.format === "json" ? renderJson(result) : renderText(result, { colour: colourEnabled(process.stdout, flags.color) }));
  if (failsOn(result, flags.failOn)) process.exitCode = 1;
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
