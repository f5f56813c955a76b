/**
 * Attached `up`: follow every service container's output, prefixed with its
 * name (the printer `tsd logs` uses), until Ctrl-C (then stop the stack, as
 * Compose does) or until every container has exited.
 */
import type { Engine } from "../../engine/engine.js";
import { readLogLines } from "../../operate/logs.js";
import { containersByService, servicesInOrder } from "../../operate/targets.js";
import type { Project } from "../../project.js";
import { logPrinter } from "../verbs/monitoring/log-printer.js";

/** Follows logs; with `stopOnEnd`, an interrupt stops the containers before returning. */
export async function followLogs(engine: Engine, project: Project, services: readonly string[], signal: AbortSignal, options: { readonly stopOnEnd: boolean }): Promise<void> {
  const groups = await containersByService(engine, project, servicesInOrder(project, services, "dependencies-first"));
  const containers = groups.flatMap((group) => group.containers);
  process.stderr.write("attached: following logs; Ctrl-C stops the stack (use -d to leave it running)\n");
  // From each container's first line: a container up just started may have written before it was followed.
  await readLogLines(engine, containers, { follow: true, timestamps: false, signal }, logPrinter(project, containers, { prefix: true }));
  if (signal.aborted && options.stopOnEnd) {
    process.stderr.write("stopping…\n");
    await Promise.all(containers.map((container) => engine.stopContainer(container.id)));
  }
}
