/**
 * `tsd audit`: checks the stack against Docker's security practice (the CIS
 * Docker Benchmark's container items and the seeds' security tips). Reads
 * the stack only: no engine call, so it runs anywhere, in CI too.
 */
import { targetNameOf } from "../../app/targets.js";
import { auditFindings } from "../../app/stack-reading.js";
import { type FailOn, failsOn, renderJson, renderText } from "../../audit/report.js";
import { colourEnabled } from "../render/colour.js";
import { commandBus } from "../session.js";
import { type StackOptions, toLoadOptions } from "../stack-options.js";

/** Flags of `tsd audit`. */
export interface AuditFlags extends StackOptions {
  readonly format: "text" | "json";
  readonly failOn: FailOn;
  /** False with `--no-color`. */
  readonly color?: boolean;
}

/** Runs `tsd audit`: prints the findings; exit code 1 when one is at or above `--fail-on`. */
export function runAudit(services: readonly string[], flags: AuditFlags): void {
  const result = auditFindings({ load: toLoadOptions(flags), target: targetNameOf(flags.target, process.env), allowUnsupported: flags.allowUnsupported ?? false, emit: commandBus({}).publish }, services);
  process.stdout.write(flags.format === "json" ? renderJson(result) : renderText(result, { colour: colourEnabled(process.stdout, flags.color) }));
  if (failsOn(result, flags.failOn)) process.exitCode = 1;
}
