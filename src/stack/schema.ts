/**
 * The written form of a stack file, as a zod schema, and its validation.
 *
 * The schema accepts what the Compose Specification defines (minus the
 * features listed in {@link UNSUPPORTED_FEATURES}) plus tsd's
 * `data_containers`. Typed fields also accept their textual form, since
 * interpolation yields strings; the output has those values typed (durations
 * in milliseconds, sizes in bytes) and one-string syntaxes (ports, mounts,
 * restart, …) parsed, so normalisation only has to apply defaults and merge.
 */
import type { z } from "zod";
import { type ConfigIssue, formatIssue, formatPath } from "../base/errors.js";
import { type PlainMap, isMap, locatePath } from "./located.js";
import { describeIssue, issueEntries, toConfigIssues } from "./schema/issues.js";
import { UNSUPPORTED_PREFIX } from "./schema/unsupported.js";
import { stackFileSchema } from "./schema/top-level.js";

export { stackFileSchema } from "./schema/top-level.js";
export { UNSUPPORTED_FEATURES } from "./schema/unsupported.js";

/** The validated written form. */
export type StackFile = z.infer<typeof stackFileSchema>;

/** Result union: validation never throws for user input. */
export type ValidationResult = { ok: true; stackFile: StackFile; warnings: string[] } | { ok: false; issues: ConfigIssue[] };

/** What validation knows beyond the tree. */
export interface ValidationOptions {
  /** Services whose profiles are all inactive, by key, with those profiles: an unsupported feature there is only a warning. */
  readonly inactiveServices?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Validates a merged stack tree. Every issue is located via the tree's side
 * table. A feature tsd does not support, in a service that the active
 * profiles leave out, is a warning: its key is dropped from the tree (the
 * service is dropped anyway) and validation runs again.
 */
export function validateStackFile(tree: PlainMap, options: ValidationOptions = {}): ValidationResult {
  const first = validateOnce(tree);
  if (first.ok || !options.inactiveServices?.size) return first;
  const result = stackFileSchema.safeParse(tree, { reportInput: true, error: describeIssue });
  if (result.success) return first;
  const tolerated = issueEntries(result.error.issues).filter(
    ({ keys, message }) => keys[0] === "services" && options.inactiveServices?.has(String(keys[1])) && message.startsWith(UNSUPPORTED_PREFIX),
  );
  if (tolerated.length === 0) return first;
  const warnings = tolerated.map(({ keys, message }) => {
    const location = locatePath(tree, keys);
    const profiles = options.inactiveServices?.get(String(keys[1])) ?? [];
    const issue = { path: formatPath(keys), message: `${message}; ignored, as the service's profiles (${profiles.join(", ")}) are not active` };
    return formatIssue(location ? { ...issue, location } : issue);
  });
  for (const { keys } of tolerated) removeEntry(tree, keys);
  const second = validateOnce(tree);
  return second.ok ? { ...second, warnings: [...warnings, ...second.warnings] } : second;
}

/** Deletes the entry at `keys` (a map key; list entries are left, as their indices matter). */
function removeEntry(tree: PlainMap, keys: readonly (string | number)[]): void {
  let node: unknown = tree;
  for (const key of keys.slice(0, -1)) node = isMap(node as PlainMap) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
  const last = keys[keys.length - 1];
  if (typeof last === "string" && node !== null && typeof node === "object" && !Array.isArray(node)) delete (node as Record<string, unknown>)[last];
}

function validateOnce(tree: PlainMap): ValidationResult {
  if (!isMap(tree)) {
    return { ok: false, issues: [{ path: "", message: "the top level of a stack file must be a mapping (services:, networks:, …)" }] };
  }
  if (Object.keys(tree).length === 0) {
    const location = locatePath(tree, []);
    const message = "empty stack file: nothing is defined (add a services: section)";
    return { ok: false, issues: [location ? { location, path: "", message } : { path: "", message }] };
  }
  const result = stackFileSchema.safeParse(tree, { reportInput: true, error: describeIssue });
  if (!result.success) return { ok: false, issues: toConfigIssues(result.error.issues, tree) };
  const warnings: string[] = [];
  if (tree.version !== undefined) warnings.push("`version` is obsolete: tsd ignores it; remove it to avoid confusion");
  return { ok: true, stackFile: result.data, warnings };
}
