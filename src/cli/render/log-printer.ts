/**
 * The prefixed multi-container printer of `tsd logs` and attached `tsd up`:
 * `web-1  | line`, names padded to the widest, stdout lines to stdout and
 * stderr lines to stderr, the prefix coloured per service on a terminal.
 */
import type { StackEventOf } from "../../events/stack-event.js";
import { colourEnabled, serviceColours } from "./colour.js";

/** How lines are shown. */
export interface LogPrinterOptions {
  /** False with `--no-log-prefix`. */
  readonly prefix: boolean;
  /** commander's `color` (false with `--no-color`). */
  readonly color?: boolean;
}

/** Whose lines a printer shows: the project's name and services (for short names and stable colours). */
export interface LogPrinterScope {
  readonly projectName: string;
  readonly services: readonly string[];
}

/** A replica whose lines are printed. */
export interface LogName {
  readonly service: string;
  readonly name: string;
  readonly replica?: number;
}

/** Compose's short name: `web-1` for `<project>-web-1`; a `container_name` is shown as is. */
export function logName(source: LogName, projectName: string): string {
  const defaultName = `${projectName}-${source.service}-${source.replica ?? 1}`;
  return source.name === defaultName ? source.name.slice(projectName.length + 1) : source.name;
}

/** A printer of log events; `align` makes room for more names (call it before their first line). */
export function logPrinter(scope: LogPrinterScope, options: LogPrinterOptions): { readonly print: (event: StackEventOf<"log">) => void; readonly align: (sources: readonly LogName[]) => void } {
  let width = 0;
  const paint = serviceColours(scope.services);
  const outputs = {
    stdout: { stream: process.stdout, colour: colourEnabled(process.stdout, options.color) },
    stderr: { stream: process.stderr, colour: colourEnabled(process.stderr, options.color) },
  };
  const align = (sources: readonly LogName[]): void => {
    width = Math.max(width, ...sources.map((source) => logName(source, scope.projectName).length));
  };
  const print = (event: StackEventOf<"log">): void => {
    const output = outputs[event.stream];
    if (!options.prefix) {
      output.stream.write(`${event.text}\n`);
      return;
    }
    const prefix = `${logName({ service: event.service, name: event.container, ...(event.replica === undefined ? {} : { replica: event.replica }) }, scope.projectName).padEnd(width)} |`;
    output.stream.write(`${output.colour ? paint(event.service, prefix) : prefix} ${event.text}\n`);
  };
  return { print, align };
}
