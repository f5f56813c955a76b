/**
 * How audit results are shown: text for people (grouped by service, most
 * severe first, coloured only when asked), JSON for machines, and the exit
 * decision of `--fail-on`.
 */
import type { AuditResult } from "./audit.js";
import type { FailOn } from "./fail-on.js";
import { type Finding, SEVERITIES, type Severity, severityRank } from "./finding.js";

export type { FailOn } from "./fail-on.js";

/** True when a reported (not ignored) finding is at or above `failOn`. */
export function failsOn(result: AuditResult, failOn: FailOn): boolean {
  if (failOn === "none") return false;
  return result.findings.some((finding) => severityRank(finding.severity) >= severityRank(failOn));
}

/** Reported findings per severity, and how many were ignored. */
export interface AuditSummary {
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly ignored: number;
}

/** Counts the findings. */
export function summarize(result: AuditResult): AuditSummary {
  const count = (severity: Severity) => result.findings.filter((finding) => finding.severity === severity).length;
  return { high: count("high"), medium: count("medium"), low: count("low"), ignored: result.ignored.length };
}

/** `3 findings: 1 high, 1 medium, 1 low (2 ignored)`, or `no findings`. */
export function summaryLine(result: AuditResult): string {
  const summary = summarize(result);
  const ignored = summary.ignored > 0 ? ` (${summary.ignored} ignored)` : "";
  const total = result.findings.length;
  if (total === 0) return `no findings${ignored}`;
  return `${total} ${total === 1 ? "finding" : "findings"}: ${SEVERITIES.map((severity) => `${summary[severity]} ${severity}`).join(", ")}${ignored}`;
}

/** ANSI colours of the severities. */
const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = { high: "1;31", medium: "33", low: "36" };

/** Text options. */
export interface TextOptions {
  /** Colour the severities and headings (a terminal, without NO_COLOR or --no-color). */
  readonly colour: boolean;
}

/**
 * One block per service (then data container), findings most severe first:
 *
 *     service web
 *       high    privileged          /srv/app/tsd.yaml:5:5
 *               runs privileged: …
 *               fix: remove `privileged: true`; …
 */
export function renderText(result: AuditResult, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityWidth = Math.max(...SEVERITIES.map((severity) => severity.length));
  const ruleWidth = Math.max(0, ...result.findings.map((finding) => finding.rule.length));
  const indent = " ".repeat(2 + severityWidth + 2);
  const blocks: string[] = [];
  for (const [heading, findings] of groups(result.findings)) {
    const lines = [paint("1", heading)];
    for (const finding of findings) {
      const severity = paint(SEVERITY_COLOURS[finding.severity], finding.severity.padEnd(severityWidth));
      lines.push(`  ${severity}  ${finding.rule.padEnd(ruleWidth)}  ${formatLocation(finding)}`, `${indent}${finding.message}`, `${indent}fix: ${finding.fix}`);
    }
    blocks.push(lines.join("\n"));
  }
  blocks.push(summaryLine(result));
  return `${blocks.join("\n\n")}\n`;
}

/** Findings grouped under `service NAME` / `data container NAME`, in the findings' order. */
function groups(findings: readonly Finding[]): Map<string, Finding[]> {
  const grouped = new Map<string, Finding[]>();
  for (const finding of findings) {
    const heading = `${finding.kind === "service" ? "service" : "data container"} ${finding.service}`;
    grouped.set(heading, [...(grouped.get(heading) ?? []), finding]);
  }
  return grouped;
}

function formatLocation(finding: Finding): string {
  const location = finding.location;
  return location ? `${location.file}:${location.line}:${location.column}` : "(location unknown)";
}

/** A finding as JSON: its location spread into file, line and column (null when unknown). */
function jsonFinding(finding: Finding) {
  return {
    rule: finding.rule,
    severity: finding.severity,
    kind: finding.kind,
    service: finding.service,
    file: finding.location?.file ?? null,
    line: finding.location?.line ?? null,
    column: finding.location?.column ?? null,
    message: finding.message,
    fix: finding.fix,
  };
}

/** `{findings, ignored, summary}`, never coloured. */
export function renderJson(result: AuditResult): string {
  const document = { findings: result.findings.map(jsonFinding), ignored: result.ignored.map(jsonFinding), summary: summarize(result) };
  return `${JSON.stringify(document, null, 2)}\n`;
}
