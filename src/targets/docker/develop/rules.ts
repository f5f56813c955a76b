/**
 * The `develop.watch` rules of a project, each with its file filter, and
 * what a batch of changed files asks a service for. Pure: the `.dockerignore`
 * texts come in through `readContextIgnore`.
 */
import { posix, relative } from "node:path";
import type { Project } from "../../../project/project.js";
import type { WatchRule } from "../../../stack/model.js";
import { type ContextIgnore, createFileFilter, type FileFilter } from "./file-filter.js";

/** One rule of one service. */
export interface ServiceRule {
  readonly service: string;
  /** Position in the service's `develop.watch`. */
  readonly index: number;
  readonly rule: WatchRule;
  /** `sync ./src → /app/src`, for explain lines. */
  readonly description: string;
  readonly filter: FileFilter;
}

/** The `.dockerignore` lines of a build context; undefined when it has none. */
export type ReadContextIgnore = (context: string) => readonly string[] | undefined;

/** Every rule of every service, services sorted by name, rules in written order. */
export function serviceRules(project: Project, readContextIgnore: ReadContextIgnore): ServiceRule[] {
  const { projectDir } = project.stack;
  return Object.values(project.stack.services)
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((service) => {
      const context = service.build?.context;
      const patterns = context !== undefined && posix.isAbsolute(context) ? readContextIgnore(context) : undefined;
      const contextIgnore: ContextIgnore | undefined = context !== undefined && patterns ? { context, patterns } : undefined;
      return (service.develop?.watch ?? []).map((rule, index) => ({
        service: service.name,
        index,
        rule,
        description: describeRule(rule, projectDir),
        filter: createFileFilter(rule, contextIgnore),
      }));
    });
}

/** A host path as the user wrote it: `./src` under the project directory, absolute elsewhere. */
export function displayPath(path: string, projectDir: string): string {
  const inside = relative(projectDir, path);
  if (inside === "") return ".";
  return inside.startsWith("..") || posix.isAbsolute(inside) ? path : `./${inside}`;
}

function describeRule(rule: WatchRule, projectDir: string): string {
  const target = rule.target !== undefined ? ` → ${rule.target}` : "";
  return `${rule.action} ${displayPath(rule.path, projectDir)}${target}`;
}

/** Whether a rule copies files into the container. */
export function isSyncRule(rule: WatchRule): boolean {
  return rule.action === "sync" || rule.action === "sync+restart" || rule.action === "sync+exec";
}

/** Where a file `relativePath` under the rule's path lands in the container. */
export function targetOf(rule: WatchRule, relativePath: string): string {
  const target = rule.target ?? "/";
  return relativePath === "" ? target : posix.join(target, relativePath);
}

/** A changed host file: written (or created) or removed (a file or a whole directory). */
export interface FileChange {
  /** Absolute host path. */
  readonly path: string;
  readonly kind: "written" | "removed";
}

/** A change a rule matched. */
export interface MatchedChange {
  readonly change: FileChange;
  readonly rule: ServiceRule;
  readonly relativePath: string;
}

/** A host path and the container path it maps to. */
export type PlannedCopy = { readonly hostPath: string; readonly target: string };

/** What one service must do for a batch of matched changes. */
export interface ServiceWork {
  /** A `rebuild` rule matched: the new image holds every file, so nothing else runs. */
  readonly rebuild: boolean;
  readonly copies: readonly PlannedCopy[];
  /** Removed host paths, with the container paths to delete (`rm -rf`). */
  readonly removals: readonly PlannedCopy[];
  /** `sync+exec` rules whose command runs after the copy, in rule order. */
  readonly execs: readonly ServiceRule[];
  /** A `restart` or `sync+restart` rule matched. */
  readonly restart: boolean;
}

/**
 * What a batch asks for: each change counts for every rule that matched it
 * (as in Compose); the last change of a path wins; copies and removals are
 * sorted so the engine sees them in a stable order.
 */
export function planServiceWork(matches: readonly MatchedChange[]): ServiceWork {
  const rebuild = matches.some(({ rule }) => rule.rule.action === "rebuild");
  const lastByTarget = new Map<string, { readonly copy: PlannedCopy; readonly removed: boolean }>();
  const execs = new Map<string, ServiceRule>();
  let restart = false;
  for (const { change, rule, relativePath } of matches) {
    const { action } = rule.rule;
    if (action === "restart" || action === "sync+restart") restart = true;
    if (action === "sync+exec") execs.set(`${rule.index}`, rule);
    if (!isSyncRule(rule.rule)) continue;
    const target = targetOf(rule.rule, relativePath);
    lastByTarget.set(target, { copy: { hostPath: change.path, target }, removed: change.kind === "removed" });
  }
  const entries = [...lastByTarget.values()].sort((a, b) => a.copy.target.localeCompare(b.copy.target));
  const copies = entries.filter((entry) => !entry.removed).map((entry) => entry.copy);
  const removals = entries.filter((entry) => entry.removed).map((entry) => entry.copy);
  return {
    rebuild,
    copies: rebuild ? [] : copies,
    removals: rebuild ? [] : removals,
    execs: rebuild ? [] : [...execs.values()].sort((a, b) => a.index - b.index),
    restart: !rebuild && restart,
  };
}
