/**
 * One error hierarchy for tsd. User errors (a bad stack file, a bad flag)
 * carry everything needed to print a helpful message and exit 1; anything
 * else is an internal error (exit 2, with a request to report it).
 */

/** A place in a stack file, 1-based like editors show it. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One problem found in the user's configuration. */
export interface ConfigIssue {
  /** Where it was written, when known. */
  readonly location?: Location;
  /** Dotted path into the stack, e.g. `services.web.ports[0]`; empty for file-level problems. */
  readonly path: string;
  /** What is wrong, in the user's terms. */
  readonly message: string;
}

/** Kinds of errors the CLI maps to exit codes and hints. */
export type ErrorKind = "config" | "usage" | "engine" | "internal";

/** Base class: every error tsd throws on purpose. */
export abstract class TsdError extends Error {
  abstract readonly kind: ErrorKind;
  /** A suggestion for the user, printed under the message. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** The stack files (or the environment they read) are invalid. Carries every problem found, sorted. */
export class ConfigError extends TsdError {
  readonly kind = "config" as const;
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], hint?: string) {
    const sorted = sortIssues(issues);
    super(sorted.map(formatIssue).join("\n"), hint);
    this.issues = sorted;
  }
}

/** The command line itself is wrong (unknown service name, conflicting flags). */
export class UsageError extends TsdError {
  readonly kind = "usage" as const;
}

/** The engine failed, refused, or could not be reached. Exit 1: it is about the user's machine, not tsd. */
export class EngineError extends TsdError {
  readonly kind = "engine" as const;
}

/**
 * The engine refused to remove a network because it still counts endpoints
 * on it. `attached` names the containers it lists on the network: empty
 * when the endpoint outlived its container (released a moment later, or
 * never: a Docker 20.10 defect, moby/moby#43286).
 */
export class NetworkInUseError extends EngineError {
  constructor(
    message: string,
    readonly attached: readonly string[],
  ) {
    super(message);
  }
}

/** No engine answered at any of the places tsd looked. */
export class EngineUnavailableError extends EngineError {}

/** A service did not reach the state a dependent waits for (unhealthy, exited non-zero, timed out). */
export class ConditionError extends EngineError {}

/**
 * A wait (a `depends_on` condition, a data container's seed run) ended
 * because the run was interrupted, not because what it waited for failed:
 * the DAG walk does not count it as a failure of the stack.
 */
export class InterruptedWaitError extends ConditionError {}

/** A bug in tsd. */
export class InternalError extends TsdError {
  readonly kind = "internal" as const;
}

/** Shorthand for a single located problem. */
export function configError(message: string, path = "", location?: Location): ConfigError {
  return new ConfigError([location ? { location, path, message } : { path, message }]);
}

/**
 * `file:line:col path: message` — the first part is what editors and
 * terminals turn into a jump target.
 */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.location
    ? `${issue.location.file}:${issue.location.line}:${issue.location.column} `
    : "";
  const path = issue.path ? `${issue.path}: ` : "";
  return `${where}${path}${issue.message}`;
}

/** Deterministic order: by file, line, column, then path and message; exact duplicates dropped. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  const unique: ConfigIssue[] = [];
  for (const issue of issues) {
    const key = formatIssue(issue);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(issue);
  }
  return unique.sort((a, b) => {
    const fa = a.location?.file ?? "\uffff";
    const fb = b.location?.file ?? "\uffff";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.location?.line ?? 0;
    const lb = b.location?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.location?.column ?? 0;
    const cb = b.location?.column ?? 0;
    if (ca !== cb) return ca - cb;
    if (a.path !== b.path) return a.path < b.path ? -1 : 1;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}

/** Renders a path the way users write it: `services.web.ports[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z0-9_\-]+$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
