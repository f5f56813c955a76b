/**
 * The ready-made stacks shipped in tsd's `stacks/` folder: one folder each,
 * holding its stack file and a README whose first line describes it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../base/errors.js";

/** The stack file every ready-made stack has: a default name, so `tsd up` finds it after `tsd init`. */
export const STACK_FILE = "tsd.yaml";

/** One ready-made stack. */
export interface ReadyMadeStack {
  readonly name: string;
  readonly description: string;
  /** Its folder, the one `tsd init` copies. */
  readonly dir: string;
}

/** The stacks under `stacksDir`, sorted by name; folders without a stack file are not stacks. */
export function listStacks(stacksDir: string): ReadyMadeStack[] {
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(stacksDir, entry.name, STACK_FILE)))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, description: describe(join(stacksDir, name), name), dir: join(stacksDir, name) }));
}

/** The stack called `name`, or a usage error listing the ones there are. */
export function findStack(stacksDir: string, name: string): ReadyMadeStack {
  const stacks = listStacks(stacksDir);
  const found = stacks.find((stack) => stack.name === name);
  if (found) return found;
  throw new UsageError(`no such stack: ${name} (stacks: ${stacks.map((stack) => stack.name).join(", ")})`, "list them with `tsd init --list`");
}

/** The README's first line, without its `# ` and a leading `name: `. */
function describe(dir: string, name: string): string {
  const readme = join(dir, "README.md");
  if (!existsSync(readme)) return "";
  const firstLine = readFileSync(readme, "utf8").split("\n", 1)[0] ?? "";
  const title = firstLine.replace(/^#+\s*/, "").trim();
  return title.startsWith(`${name}:`) ? title.slice(name.length + 1).trim() : title;
}
