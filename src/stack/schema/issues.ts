/**
 * zod issues → located ConfigIssues with messages in the user's terms.
 *
 * Schemas carry their own messages where a field needs a specific one; the
 * error map below phrases the rest, and {@link toConfigIssues} resolves union
 * failures to the branch the user evidently meant (a mapping given where a
 * string or a mapping is allowed is reported against the mapping form).
 */
import type { z } from "zod";
import { type ConfigIssue, formatPath } from "../../base/errors.js";
import { type EntryKey, type Plain, locatePath } from "../located.js";
import { levelHint } from "./level-hints.js";
import { quote } from "./scalars.js";

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
  null: "empty",
};

/** Error map for issues whose schema has no message of its own. */
export function describeIssue(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return `${quote(issue.input)} must be one of ${issue.values.map((value) => String(value)).join(", ")}`;
    case "too_small":
      return `must be at least ${String(issue.minimum)}`;
    case "too_big":
      return `must be at most ${String(issue.maximum)}`;
    case "invalid_format":
      return `${quote(issue.input)} is not valid here`;
    case "invalid_union":
      return "has the wrong form";
    default:
      return "is not valid";
  }
}

/** True when a union branch failed only because the value has another type. */
function isTypeMismatch(issues: readonly Issue[]): boolean {
  return issues.every(
    (issue) => issue.path.length === 0 && (issue.code === "invalid_type" || (issue.code === "invalid_union" && issue.errors.every(isTypeMismatch))),
  );
}

/** Flattens union failures into the issues of the branch that matches the value's shape. */
function resolveUnions(issue: Issue, prefix: readonly PropertyKey[]): { path: PropertyKey[]; issue: Issue }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union") {
    const candidates = issue.errors.filter((branch) => branch.length > 0 && !isTypeMismatch(branch));
    const chosen = candidates[0];
    if (chosen && (candidates.length === 1 || issue.message === "has the wrong form")) {
      return chosen.flatMap((inner) => resolveUnions(inner, path));
    }
  }
  return [{ path, issue }];
}

/** Message and path for a resolved issue; missing keys are reported on their parent. */
function render(path: PropertyKey[], issue: Issue): { path: EntryKey[]; message: string } {
  const keys = path.filter((key): key is EntryKey => typeof key === "string" || typeof key === "number");
  const missing = !("input" in issue) || issue.input === undefined;
  if (missing && (issue.code === "invalid_type" || issue.code === "invalid_union") && keys.length > 0) {
    return { path: keys.slice(0, -1), message: `missing required key "${String(keys[keys.length - 1])}"` };
  }
  if (issue.code === "invalid_key") {
    const inner = issue.issues[0];
    return { path: keys, message: inner?.message ?? issue.message };
  }
  return { path: keys, message: issue.message };
}

/** Every zod issue with the keys of the entry it is about (unions resolved), before locating. */
export function issueEntries(issues: readonly Issue[]): { keys: EntryKey[]; message: string }[] {
  return issues.flatMap((issue) => resolveUnions(issue, []).map(({ path, issue: resolved }) => render(path, resolved)).map(({ path, message }) => ({ keys: path, message })));
}

/** Every zod issue as a located ConfigIssue. */
export function toConfigIssues(issues: readonly Issue[], tree: Plain): ConfigIssue[] {
  return issues.flatMap((issue) =>
    resolveUnions(issue, []).map(({ path, issue: resolved }) => {
      const rendered = render(path, resolved);
      const { path: keys, message } = levelHint(rendered.path, rendered.message, tree) ?? rendered;
      const location = locatePath(tree, keys);
      const formatted = formatPath(keys);
      return location ? { location, path: formatted, message } : { path: formatted, message };
    }),
  );
}
