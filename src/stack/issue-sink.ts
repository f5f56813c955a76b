/**
 * How the cross-reference rules report: rules.ts builds the sink, and each
 * family of rules (rules-ports.ts, …) writes to it. A file of its own so a
 * rule family does not import rules.ts, which imports it.
 */

/**
 * Records one issue at a written path; `locatedAt` places it somewhere more
 * precise than the path it is reported under.
 */
export type IssueSink = (path: readonly (string | number)[], message: string, locatedAt?: readonly (string | number)[]) => void;
