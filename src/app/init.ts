/**
 * `tsd init`: the ready-made stacks shipped with tsd, and copying one into a
 * project folder without ever overwriting a file.
 */
import { findStack, listStacks, type ReadyMadeStack } from "../init/catalog.js";
import { copyStack, planCopy } from "../init/copy.js";

export type { ReadyMadeStack } from "../init/catalog.js";

/** The stacks under `stacksDir`, by name. */
export function readyMadeStacks(stacksDir: string): ReadyMadeStack[] {
  return listStacks(stacksDir);
}

/** Copies the stack `name` into `targetDir`; returns it, where it went and how many files. */
export function copyReadyMadeStack(stacksDir: string, name: string, targetDir: string): { readonly stack: ReadyMadeStack; readonly targetDir: string; readonly files: number } {
  const stack = findStack(stacksDir, name);
  const plan = planCopy(stack, targetDir);
  copyStack(stack, plan);
  return { stack, targetDir: plan.targetDir, files: plan.files.length };
}
