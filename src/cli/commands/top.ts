/**
 * `tsd top`: the processes of each running container, a table per container
 * under its name, like `docker compose top`.
 */
import { containerVerbs } from "../../app/containers.js";
import { formatTable } from "../render/table.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd top`. */
export interface TopFlags extends StackOptions {
  readonly format: "table" | "json";
}

/** Runs `tsd top`. */
export async function runTop(services: readonly string[], flags: TopFlags): Promise<void> {
  const session = await openSession(flags, services);
  const tops = await (await containerVerbs(session, "top")).top(session.project, services);
  if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(tops.map(({ name, service, titles, processes }) => ({ name, service, titles, processes })), null, 2)}\n`);
    return;
  }
  process.stdout.write(tops.map((top) => `${top.name}\n${formatTable(top.titles, top.processes)}`).join("\n"));
}
