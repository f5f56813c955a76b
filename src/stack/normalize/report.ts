/**
 * Collects the issues and warnings of one normalisation run, locating each
 * issue at the path the user wrote.
 */
import { type ConfigIssue, formatPath } from "../../base/errors.js";
import type { Location } from "../located.js";

/** A path into the written tree, e.g. `["services", "web", "ports", 0]`. */
export type WrittenPath = readonly (string | number)[];

/** Issues and warnings found while normalising. */
export class Report {
  readonly issues: ConfigIssue[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly locate: (path: WrittenPath) => Location | undefined) {}

  /** Records a problem at `path`. */
  issue(path: WrittenPath, message: string): void {
    const location = this.locate(path);
    const formatted = formatPath(path);
    this.issues.push(location ? { location, path: formatted, message } : { path: formatted, message });
  }

  /** Records issues raised elsewhere (e.g. an env file's parse errors). */
  add(issues: readonly ConfigIssue[]): void {
    this.issues.push(...issues);
  }

  /** Records a warning. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
}

/** Entries of a record in key order, so issues and output are deterministic. */
export function sortedEntries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `x-` keys of a written mapping, verbatim. */
export function extensionsOf(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key.startsWith("x-")));
}

/** A label-like mapping with empty values for keys written without one. */
export function stringValues(record: Readonly<Record<string, string | null>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, value ?? ""]));
}
