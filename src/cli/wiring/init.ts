/**
 * CLI wiring of `tsd init`: start a project from a ready-made stack. Its
 * implementation is imported only when it runs.
 */
import type { Command } from "commander";
import { formatOption, lazyAction } from "./options.js";

/** Registers `init`. */
export function registerInitVerbs(program: Command): void {
  program
    .command("init")
    .description("copy a ready-made stack (stack file, README, sources) into a project folder, never overwriting a file")
    .argument("[stack]", "the stack to copy (see --list)")
    .argument("[dir]", "the folder to copy it into, created if missing (default: the current folder)")
    .option("--list", "list the ready-made stacks and what each runs")
    .addOption(formatOption(["table", "json"], "output format of --list"))
    .action(lazyAction(async () => (await import("../commands/init.js")).runInit));
}
