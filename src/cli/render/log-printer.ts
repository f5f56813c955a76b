/**
 * The prefixed multi-container printer of `tsd logs` and attached `tsd up`:
 * `web-1  | line`, names padded to the widest, stdout lines to stdout and
 * stderr lines to stderr, the prefix coloured per service on a terminal.
 */
import { LABEL_SERVICE } from "../../base/labels.js";
import type { ObservedContainer } from "../../docker-api/types.js";
import type { LogLine } from "../../targets/docker/verbs/logs.js";
import type { Project } from "../../project/project.js";
import { replicaOf } from "../../base/labels.js";
import { colourEnabled, serviceColours } from "./colour.js";

/** How lines are shown. */
export interface LogPrinterOptions {
  /** False with `--no-log-prefix`. */
  readonly prefix: boolean;
  /** commander's `color` (false with `--no-color`). */
  readonly color?: boolean;
}

/**
 * Compose's short name: `web-1` for `<project>-web-1`; a `container_name`
 * is shown as is.
 */
export function logName(container: ObservedContainer, project: Project): string {
  const service = container.labels[LABEL_SERVICE] ?? "";
  const defaultName = `${project.stack.name}-${service}-${replicaOf(container) ?? 1}`;
  return container.name === defaultName ? container.name.slice(project.stack.name.length + 1) : container.name;
}

/** A printer for the lines of `containers`. */
export function logPrinter(project: Project, containers: readonly ObservedContainer[], options: LogPrinterOptions): (line: LogLine) => void {
  const width = Math.max(0, ...containers.map((container) => logName(container, project).length));
  const paint = serviceColours(Object.keys(project.stack.services));
  const outputs = {
    stdout: { stream: process.stdout, colour: colourEnabled(process.stdout, options.color) },
    stderr: { stream: process.stderr, colour: colourEnabled(process.stderr, options.color) },
  };
  return ({ container, stream, text }) => {
    const output = outputs[stream];
    if (!options.prefix) {
      output.stream.write(`${text}\n`);
      return;
    }
    const prefix = `${logName(container, project).padEnd(width)} |`;
    output.stream.write(`${output.colour ? paint(container.labels[LABEL_SERVICE] ?? "", prefix) : prefix} ${text}\n`);
  };
}
