/**
 * What `tsd audit` reports: findings, their severities, and what a rule
 * inspects (a service, or a data container for the rules that apply to one).
 */
import type { Location } from "../stack/located.js";
import type { Build, DataContainer, Mount, Service, Stack, VolumesFrom } from "../stack/model.js";
import type { Locator } from "./locator.js";

/** How bad a finding is, most severe first. */
export const SEVERITIES = ["high", "medium", "low"] as const;
/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe: `high` 3, `medium` 2, `low` 1. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/** Services run long; data containers only hold volumes, so only the mount and image rules apply to them. */
export type SubjectKind = "service" | "data-container";

/** One problem in one service or data container. */
export interface Finding {
  /** Stable kebab-case id, also what `x-tsd.audit.ignore` names. */
  readonly rule: string;
  readonly severity: Severity;
  readonly kind: SubjectKind;
  /** The service's (or data container's) key. */
  readonly service: string;
  /** The offending entry, or the service itself when the finding is about something missing. */
  readonly location: Location | undefined;
  /** One line, never quoting a secret's value. */
  readonly message: string;
  /** What to write instead, as YAML where there is something to add. */
  readonly fix: string;
}

/** What a rule observes; the audit adds the rule, its severity and the subject. */
export interface Observation {
  readonly location: Location | undefined;
  readonly message: string;
  readonly fix: string;
}

/** A data container or a service, seen through what the rules share. */
interface SubjectBase {
  readonly name: string;
  /** Where it is written: `["services", name]` or `["data_containers", name]`. */
  readonly path: readonly [string, string];
  readonly image: string | undefined;
  readonly build: Build | undefined;
  readonly volumes: readonly Mount[];
}

/** A service under audit. */
export interface ServiceSubject extends SubjectBase {
  readonly kind: "service";
  readonly service: Service;
  readonly volumesFrom: readonly VolumesFrom[];
}

/** A data container under audit. */
export interface DataContainerSubject extends SubjectBase {
  readonly kind: "data-container";
  readonly dataContainer: DataContainer;
}

/** What a rule inspects. */
export type Subject = ServiceSubject | DataContainerSubject;

/**
 * Reads a file the audit may look into (a service's Dockerfile); `undefined`
 * when it is missing or not a plain file. Passed in so the audit itself
 * stays pure.
 */
export type ReadFile = (path: string) => string | undefined;

/** Everything a rule may consult besides its subject. */
export interface AuditContext {
  readonly stack: Stack;
  readonly locator: Locator;
  readonly readFile: ReadFile;
}

interface RuleBase {
  /** Stable kebab-case id. */
  readonly id: string;
  readonly severity: Severity;
  /** What it checks, in a few words (for docs and tests). */
  readonly summary: string;
}

/** A rule about how a container runs: services only. */
export interface ServiceRule extends RuleBase {
  readonly scope: "service";
  check(subject: ServiceSubject, context: AuditContext): readonly Observation[];
}

/** A rule about what a container mounts or which image it uses: services and data containers. */
export interface ContainerRule extends RuleBase {
  readonly scope: "container";
  check(subject: Subject, context: AuditContext): readonly Observation[];
}

/** One audit rule. */
export type Rule = ServiceRule | ContainerRule;
