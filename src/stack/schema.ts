/**
 * The written form of a stack file, as a zod schema. STUB: owned by the schema/normalize helper.
 */
import { z } from "zod";
import type { ConfigIssue } from "../errors.js";
import type { PlainMap } from "./located.js";

/** zod schema of a whole stack file (after interpolation and merging). */
export const stackFileSchema = z.object({});

/** The validated written form. */
export type StackFile = z.infer<typeof stackFileSchema>;

/** Result union: validation never throws for user input. */
export type ValidationResult = { ok: true; stackFile: StackFile; warnings: string[] } | { ok: false; issues: ConfigIssue[] };

/** Validates a merged stack tree. Every issue is located via the tree's side table. */
export function validateStackFile(tree: PlainMap): ValidationResult {
  void tree;
  throw new Error("not implemented");
}
