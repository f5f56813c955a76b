/**
 * Commands whose options are declared only when they are needed. tsd has
 * about sixty commands and four hundred options; building every option
 * (commander splits each flag string, makes an Option, registers a listener)
 * was a fifth of `tsd --help`, which lists commands only, and of every verb's
 * start, which needs its own command's options alone.
 *
 * A DeferredCommand made as a subcommand keeps its `option()`,
 * `requiredOption()` and `addOption()` calls in a queue, in order, and replays
 * them just before commander dispatches to it (the parent's public
 * `preSubcommand` hook runs before the subcommand parses), or before its
 * help is formatted (`tsd help up` formats it without a dispatch).
 * `materializeOptions` replays every queue at once, for whoever needs the
 * whole tree (tests, documentation).
 */
import { Command, Help, type Option } from "commander";

type Declaration = (command: Command) => void;

/** A command that declares its options on first use. */
export class DeferredCommand extends Command {
  #pending: Declaration[] = [];
  #deferring = false;

  constructor(name?: string) {
    super(name);
    // Before a subcommand parses (or shows its help), its options exist.
    this.hook("preSubcommand", (_parent, subcommand) => materializeOptions(subcommand, false));
  }

  override createCommand(name?: string): DeferredCommand {
    const command = new DeferredCommand(name);
    command.#deferring = true;
    return command;
  }

  // Method parameters are compared bivariantly, so `unknown[]` stands for every overload of commander's.
  override option(...args: unknown[]): this {
    return this.#declare((command) => Command.prototype.option.apply(command, args as never));
  }

  override requiredOption(...args: unknown[]): this {
    return this.#declare((command) => Command.prototype.requiredOption.apply(command, args as never));
  }

  override addOption(option: Option): this {
    return this.#declare((command) => Command.prototype.addOption.call(command, option));
  }

  // `tsd help up` formats the command's help without dispatching to it.
  override helpInformation(context?: Parameters<Command["helpInformation"]>[0]): string {
    this.materialize();
    return super.helpInformation(context);
  }

  /** How many option declarations wait. */
  get deferredCount(): number {
    return this.#pending.length;
  }

  /** Declares what waits, once; from now on options are declared as they come. */
  materialize(): void {
    if (!this.#deferring) return;
    this.#deferring = false;
    const pending = this.#pending;
    this.#pending = [];
    for (const declare of pending) declare(this);
  }

  #declare(declaration: Declaration): this {
    if (this.#deferring) this.#pending.push(declaration);
    else declaration(this);
    return this;
  }
}

/** Declares the deferred options of `command` (and, with `deep`, of every command below it). */
export function materializeOptions(command: Command, deep = true): void {
  if (command instanceof DeferredCommand) command.materialize();
  if (deep) for (const child of command.commands) materializeOptions(child, true);
}

/** commander's subcommand term (`up [options] [services...]`), saying `[options]` for options not declared yet. */
export function subcommandTerm(command: Command): string {
  const term = new Help().subcommandTerm(command);
  const deferred = command instanceof DeferredCommand && command.deferredCount > 0 && command.options.length === 0;
  if (!deferred) return term;
  const alias = command.aliases()[0];
  const head = `${command.name()}${alias ? `|${alias}` : ""}`;
  return `${head} [options]${term.slice(head.length)}`;
}
