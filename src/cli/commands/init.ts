/**
 * `tsd init`: lists the ready-made stacks, or copies one into a folder.
 */
import { join, relative } from "node:path";
import { copyReadyMadeStack, type ReadyMadeStack, readyMadeStacks } from "../../app/init.js";
import { packageRoot } from "../wiring/options.js";
import { formatTable } from "../render/table.js";

/** The flags `tsd init` takes. */
export interface InitFlags {
  readonly list?: boolean;
  readonly format: "table" | "json";
}

export function runInit(stackName: string | undefined, dir: string | undefined, flags: InitFlags): void {
  const stacksDir = join(packageRoot() ?? ".", "stacks");
  if (flags.list || stackName === undefined) {
    const stacks = readyMadeStacks(stacksDir);
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(stacks.map(({ name, description }) => ({ name, description })), null, 2)}\n` : formatTable(["STACK", "DESCRIPTION"], stacks.map(({ name, description }) => [name, description])));
    // Without a stack and outside --list, say how to go on (on stderr, so stdout stays the list).
    if (!flags.list && flags.format === "table") process.stderr.write("start one with: tsd init STACK [DIR]\n");
    return;
  }
  const copied = copyReadyMadeStack(stacksDir, stackName, dir ?? ".");
  process.stdout.write(summary(copied.stack, copied.targetDir, copied.files));
}

function summary(stack: ReadyMadeStack, targetDir: string, fileCount: number): string {
  const where = relative(process.cwd(), targetDir);
  const next = where === "" ? "tsd up --wait" : `cd ${where} && tsd up --wait`;
  return `copied the ${stack.name} stack into ${targetDir} (${fileCount} files)\nnext: ${next}   (see README.md)\n`;
}
