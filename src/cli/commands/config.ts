/**
 * `tsd config`: validate and print the stack as a canonical Compose file
 * (long syntax, interpolated, absolute paths), like `docker compose config`:
 * the output can be saved and loaded again.
 */
import { targetNameOf } from "../../app/targets.js";
import { configDocument } from "../../app/stack-reading.js";
import { stringifyComposeYaml } from "../../stack/render/yaml.js";
import { commandBus } from "../session.js";
import { type StackOptions, toLoadOptions } from "../stack-options.js";

/** Options of `tsd config`. */
export interface ConfigOptions extends StackOptions {
  readonly format: "yaml" | "json";
  readonly quiet?: boolean;
  readonly services?: boolean;
  readonly volumes?: boolean;
  readonly profiles?: boolean;
}

/** Runs `tsd config`; throws ConfigError for invalid stacks. */
export function runConfig(options: ConfigOptions): void {
  const out = process.stdout;
  const { project, document } = configDocument({ load: toLoadOptions(options), target: targetNameOf(options.target, process.env), allowUnsupported: options.allowUnsupported ?? false, emit: commandBus({}).publish });
  const { stack } = project;
  if (options.quiet) return;
  if (options.services) return writeLines(out, Object.keys(stack.services).sort());
  if (options.volumes) return writeLines(out, Object.keys(stack.volumes).sort());
  if (options.profiles) return writeLines(out, [...new Set(Object.values(stack.services).flatMap((service) => service.profiles))].sort());
  out.write(options.format === "json" ? `${JSON.stringify(document, null, 2)}\n` : stringifyComposeYaml(document));
}

function writeLines(out: NodeJS.WritableStream, lines: readonly string[]): void {
  if (lines.length > 0) out.write(`${lines.join("\n")}\n`);
}
