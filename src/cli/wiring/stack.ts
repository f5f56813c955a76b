/**
 * CLI wiring of the verbs that read the stack and touch no engine: config,
 * audit, graph. Each imports its code only when it runs.
 */
import { type Command, Option } from "commander";
import { FAIL_ON_LEVELS } from "../../audit/fail-on.js";
import { formatOption, lazyAction, withStackOptions, withTargetOptions } from "./options.js";

/** Registers config, audit and graph. */
export function registerStackVerbs(program: Command): void {
  withTargetOptions(withStackOptions(program.command("config")))
    .description("validate the stack and print it in canonical form")
    .addOption(formatOption(["yaml", "json"]))
    .option("-q, --quiet", "only validate; print nothing but problems")
    .option("--services", "print the service names, one per line")
    .option("--volumes", "print the volume names, one per line")
    .option("--profiles", "print the profile names used by the stack, one per line")
    .action(lazyAction(async () => (await import("../commands/config.js")).runConfig));

  withTargetOptions(withStackOptions(program.command("audit")))
    .description("check the services against Docker security practice (CIS Docker Benchmark); reads the stack only")
    .argument("[services...]", "only these services")
    .addOption(formatOption(["text", "json"]))
    .addOption(new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity").choices(FAIL_ON_LEVELS).default("high"))
    .option("--no-color", "never colour the output")
    .action(lazyAction(async () => (await import("../commands/audit.js")).runAudit));

  withStackOptions(program.command("graph"))
    .description("print the dependency graph of services, data containers, volumes and networks")
    .addOption(formatOption(["text", "mermaid", "dot", "json"]))
    .action(lazyAction(async () => (await import("../commands/graph.js")).runGraph));
}
