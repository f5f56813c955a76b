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
import type { ConfigIssue } from "../base/errors.js";
import { type PlainMap, isMap, locatePath } from "./located.js";
import { describeIssue, toConfigIssues } from "./schema/issues.js";
import { stackFileSchema } from "./schema/top-level.js";

export { stackFileSchema } from "./schema/top-level.js";
export { UNSUPPORTED_FEATURES } from "./schema/unsupported.js";

/** The validated written form. */
export type StackFile = z.infer<typeof stackFileSchema>;

/** Result union: validation never throws for user input. */
export type ValidationResult = { ok: true; stackFile: StackFile; warnings: string[] } | { ok: false; issues: ConfigIssue[] };

/** Validates a merged stack tree. Every issue is located via the tree's side table. */
export function validateStackFile(tree: PlainMap): ValidationResult {
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
