/**
 * `tsd audit`'s core: the stack and where it was written in, findings out.
 * Pure apart from the one file read it is given (a built service's
 * Dockerfile), so tests run it on loaded stacks without an engine.
 */
import type { Stack } from "../stack/model.js";
import type { Locate } from "../stack/rules.js";
import { type AuditContext, type Finding, type ReadFile, type Rule, type Subject, severityRank } from "./finding.js";
import { type IgnoreLists, readIgnoreLists } from "./ignore.js";
import { Locator } from "./locator.js";
import { RULES, RULE_IDS } from "./rules.js";

/** What to audit. */
export interface AuditOptions {
  /** Only these services, and then no data containers; empty: everything. Names must exist (the CLI checks them first). */
  readonly services?: readonly string[];
  /** Reads a Dockerfile; the default reads nothing (services with `build:` are then judged like any other). */
  readonly readFile?: ReadFile;
}

/** Findings, and those a deliberate `x-tsd.audit.ignore` silenced (kept so reports can count them). */
export interface AuditResult {
  readonly findings: readonly Finding[];
  readonly ignored: readonly Finding[];
}

/**
 * Checks every service (and data container) against every rule. Throws
 * ConfigError, located, for a malformed ignore list or an unknown rule id in
 * one.
 */
export function auditStack(stack: Stack, locate: Locate, options: AuditOptions = {}): AuditResult {
  const locator = new Locator(locate);
  const ignore = readIgnoreLists(stack, RULE_IDS, locator);
  const context: AuditContext = { stack, locator, readFile: options.readFile ?? (() => undefined) };
  const findings: Finding[] = [];
  const ignored: Finding[] = [];
  for (const subject of subjects(stack, options.services ?? [])) {
    for (const rule of RULES) {
      for (const observation of check(rule, subject, context)) {
        const finding: Finding = { rule: rule.id, severity: rule.severity, kind: subject.kind, service: subject.name, ...observation };
        (isIgnored(ignore, subject, rule.id) ? ignored : findings).push(finding);
      }
    }
  }
  return { findings: findings.sort(compareFindings), ignored: ignored.sort(compareFindings) };
}

function check(rule: Rule, subject: Subject, context: AuditContext) {
  if (rule.scope === "container") return rule.check(subject, context);
  return subject.kind === "service" ? rule.check(subject, context) : [];
}

function isIgnored(ignore: IgnoreLists, subject: Subject, ruleId: string): boolean {
  if (ignore.stack.has(ruleId)) return true;
  return subject.kind === "service" && (ignore.services.get(subject.name)?.has(ruleId) ?? false);
}

/** The services to audit, then the data containers (only when auditing the whole stack), each by name. */
function subjects(stack: Stack, only: readonly string[]): Subject[] {
  const serviceNames = only.length > 0 ? [...new Set(only)].sort() : Object.keys(stack.services).sort();
  const services = serviceNames.flatMap((name): Subject[] => {
    const service = stack.services[name];
    if (!service) return [];
    return [{ kind: "service", name, path: ["services", name], image: service.image, build: service.build, volumes: service.volumes, service, volumesFrom: service.volumesFrom }];
  });
  if (only.length > 0) return services;
  const dataContainers = Object.keys(stack.dataContainers)
    .sort()
    .flatMap((name): Subject[] => {
      const dataContainer = stack.dataContainers[name];
      if (!dataContainer) return [];
      return [{ kind: "data-container", name, path: ["data_containers", name], image: dataContainer.image, build: undefined, volumes: dataContainer.volumes, dataContainer }];
    });
  return [...services, ...dataContainers];
}

/** Services before data containers, by name; then most severe first, by rule id, by place. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    kindRank(a) - kindRank(b) ||
    compareText(a.service, b.service) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.rule, b.rule) ||
    compareText(a.location?.file ?? "", b.location?.file ?? "") ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    compareText(a.message, b.message)
  );
}

function kindRank(finding: Finding): number {
  return finding.kind === "service" ? 0 : 1;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
