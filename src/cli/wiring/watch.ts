/**
 * CLI wiring of `tsd watch`: the dev loop. Its implementation is imported
 * only when it runs.
 */
import { type Command, Option } from "commander";
import { lazyAction, withStackOptions } from "./options.js";
import { progressOption } from "./engine.js";

/** Registers `watch` on `program`. */
export function registerWatchVerbs(program: Command): void {
  withStackOptions(program.command("watch"))
    .description("bring the stack up, then apply every edit of its files and develop.watch paths as it is saved")
    .argument("[services...]", "only these services (and what they depend on)")
    .option("--no-up", "do not bring the stack up first: watch it as it is")
    .option("--explain", "say which file changed, which rule or ignore matched it, and what ran")
    .option("--ui", "also serve the live dashboard (as `tsd ui`, read-only) beside the loop")
    .addOption(new Option("--wait-timeout <seconds>", "how long a pass waits for depends_on conditions").default("300"))
    .addOption(progressOption())
    .action(lazyAction(async () => (await import("../commands/watch.js")).watchAction));
}
