/**
 * Command wiring. Flags are parsed into typed options here and handed to the
 * command modules, which are imported only when their command runs so that
 * `tsd --help` and `tsd --version` start fast.
 */
import { Command, Help, Option } from "commander";
import { FAIL_ON_LEVELS } from "../audit/fail-on.js";
import { formatOption, lazyAction, packageVersion, withStackOptions } from "./wiring/options.js";
import { registerEngineCommands } from "./wiring/engine.js";
import { registerOperateCommands } from "./wiring/operate.js";
import type { StackOptions } from "./stack-options.js";

/** Builds the CLI. */
export function buildProgram(): Command {
  const program = new Command("tsd")
    .description("Declarative multi-container stacks on Docker: reads Compose files, plans, applies, watches.")
    .version(packageVersion(), "-v, --version")
    // tsd's own flags only before the command: `down -v` is --volumes, not the program's -v (--version).
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    // Inherited by every command created below.
    .configureHelp({ optionDescription: describeOption });
  // Compose's global flags work before the verb too (`tsd -f dev.yml logs -f`), which
  // is also how to give a stack file to the verbs whose own -f means something else.
  withStackOptions(program).hook("preAction", (_program, command) => inheritStackOptions(program, command));

  withStackOptions(program.command("config"))
    .description("validate the stack and print it in canonical form")
    .addOption(formatOption(["yaml", "json"]))
    .option("-q, --quiet", "only validate; print nothing but problems")
    .option("--services", "print the service names, one per line")
    .option("--volumes", "print the volume names, one per line")
    .option("--profiles", "print the profile names used by the stack, one per line")
    .action(async (options: StackOptions & { format: "yaml" | "json"; quiet?: boolean; services?: boolean; volumes?: boolean; profiles?: boolean }) => {
      const { runConfig } = await import("./commands/config.js");
      runConfig(options, process.stdout, process.stderr);
    });

  withStackOptions(program.command("audit"))
    .description("check the services against Docker security practice (CIS Docker Benchmark); reads the stack only")
    .argument("[services...]", "only these services")
    .addOption(formatOption(["text", "json"]))
    .addOption(new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity").choices(FAIL_ON_LEVELS).default("high"))
    .option("--no-color", "never colour the output")
    .action(lazyAction(async () => (await import("./commands/audit.js")).runAudit));

  withStackOptions(program.command("graph"))
    .description("print the dependency graph of services, data containers, volumes and networks")
    .addOption(formatOption(["text", "mermaid", "dot", "json"]))
    .action(async (options: StackOptions & { format: "text" | "mermaid" | "dot" | "json" }) => {
      const { runGraph } = await import("./commands/graph.js");
      runGraph(options, process.stdout, process.stderr);
    });

  registerEngineCommands(program);
  registerOperateCommands(program);
  return program;
}

/** commander's description, without the "(default: [])" of repeatable flags: an empty list is not a default worth a line. */
function describeOption(option: Option): string {
  const empty = Array.isArray(option.defaultValue) && option.defaultValue.length === 0;
  const shown: Option = empty ? Object.assign(Object.create(option) as Option, { defaultValue: undefined }) : option;
  return new Help().optionDescription(shown);
}

/** Merges the stack flags given before the verb into the verb's own: files, profiles and env files first, names overridden. */
function inheritStackOptions(program: Command, command: Command): void {
  const global = program.opts<StackOptions>();
  const own = command.opts<Partial<StackOptions>>();
  if (command === program || own.file === undefined) return;
  command.setOptionValue("file", [...global.file, ...own.file]);
  command.setOptionValue("profile", [...global.profile, ...(own.profile ?? [])]);
  command.setOptionValue("envFile", [...global.envFile, ...(own.envFile ?? [])]);
  command.setOptionValue("projectName", own.projectName ?? global.projectName);
  command.setOptionValue("projectDirectory", own.projectDirectory ?? global.projectDirectory);
}
