/**
 * The CLI: tsd's own flags, then every verb, registered by area in wiring/
 * (flags declared there, each verb's code in commands/<verb>.ts imported
 * only when it runs, so `tsd --help` and `tsd --version` start fast).
 */
import { type Command, Help, type Option } from "commander";
import { DeferredCommand, subcommandTerm } from "./deferred-options.js";
import { registerEngineCommands } from "./wiring/engine.js";
import { registerImageVerbs } from "./wiring/images.js";
import { registerInitVerbs } from "./wiring/init.js";
import { registerInsideVerbs } from "./wiring/inside.js";
import { registerLifecycleVerbs } from "./wiring/lifecycle.js";
import { registerMonitoringVerbs } from "./wiring/monitoring.js";
import { registerObjectVerbs } from "./wiring/objects.js";
import { packageVersion, withStackOptions } from "./wiring/options.js";
import { registerStackVerbs } from "./wiring/stack.js";
import { registerUiVerbs } from "./wiring/ui.js";
import { registerWatchVerbs } from "./wiring/watch.js";
import type { StackOptions } from "./stack-options.js";

/** Builds the CLI; each command declares its options only when it runs or shows its help (deferred-options.ts). */
export function buildProgram(): Command {
  const program = new DeferredCommand("tsd")
    .description("Declarative multi-container stacks on Docker: reads Compose files, plans, applies, watches.")
    .version(packageVersion(), "-v, --version")
    // tsd's own flags only before the command: `down -v` is --volumes, not the program's -v (--version).
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    // Inherited by every command created below.
    .configureHelp({ optionDescription: describeOption, subcommandTerm });
  // Compose's global flags work before the verb too (`tsd -f dev.yml logs -f`), which
  // is also how to give a stack file to the verbs whose own -f means something else.
  withStackOptions(program).hook("preAction", (_program, command) => inheritStackOptions(program, command));

  registerStackVerbs(program);
  registerEngineCommands(program);
  registerLifecycleVerbs(program);
  registerMonitoringVerbs(program);
  registerInsideVerbs(program);
  registerImageVerbs(program);
  registerObjectVerbs(program);
  registerWatchVerbs(program);
  registerInitVerbs(program);
  registerUiVerbs(program);
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
