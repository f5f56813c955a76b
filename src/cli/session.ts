/**
 * How every CLI command opens its stack: the session of app/ with the
 * command's flags, and a subscriber that prints the events every command
 * prints the same way (warnings, lock waits, `Container web-1  Stopped`) on
 * stderr, so stdout stays the command's result. With `--progress json`
 * every event goes to stdout as JSON instead.
 */
import { EventBus } from "../events/bus.js";
import type { StackEvent } from "../events/stack-event.js";
import { StackSession } from "../app/session.js";
import { targetNameOf } from "../app/targets.js";
import { jsonLines } from "./render/json-lines.js";
import { type StackOptions, stackSelection } from "./stack-options.js";

/** What a command shows of its events, besides the common ones. */
export interface CommandOutput {
  /** Called for every event (after the common printing). */
  readonly onEvent?: (event: StackEvent) => void;
  /** Every event as one JSON object per line on stdout, and no text on stderr. */
  readonly json?: boolean;
  /** The warnings were already told (the watch after `up`). */
  readonly quiet?: boolean;
}

/** The line the CLI prints on stderr for an event every command may see, or undefined. */
export function commonLine(event: StackEvent): string | undefined {
  switch (event.type) {
    case "warning":
      return `warning: ${event.message}`;
    case "lock-wait":
      return `waiting for another tsd (pid ${event.ownerPid}) working on this project…`;
    case "container":
      return `Container ${event.container}  ${event.outcome}`;
    default:
      return undefined;
  }
}

/** A bus that prints what `output` asks for. */
export function commandBus(output: CommandOutput): EventBus {
  const bus = new EventBus();
  if (output.json) {
    bus.subscribe(jsonLines(process.stdout));
    return bus;
  }
  bus.subscribe((event) => {
    const line = commonLine(event);
    if (line !== undefined) process.stderr.write(`${line}\n`);
    output.onEvent?.(event);
  });
  return bus;
}

/** Opens the stack the flags name; `services` are checked before anything else happens. */
export function openSession(flags: StackOptions, services: readonly string[], output: CommandOutput = {}): Promise<StackSession> {
  return StackSession.open({
    stack: stackSelection(flags),
    services,
    bus: commandBus(output),
    environment: process.env,
    target: targetNameOf(flags.target, process.env),
    ...(flags.allowUnsupported ? { allowUnsupported: true } : {}),
    ...(output.quiet ? { quiet: true } : {}),
  });
}
