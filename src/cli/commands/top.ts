/**
 * `tsd top`: the processes of each running container, a table per container
 * under its name, like `docker compose top`.
 */
import { LABEL_SERVICE } from "../../base/labels.js";
import { openStack } from "../../app/session.js";
import { containersByService, servicesInOrder } from "../../targets/docker/verbs/containers.js";
import type { StackOptions } from "../stack-options.js";
import { formatTable } from "../render/table.js";
import { verbContext } from "../verb-context.js";

/** Flags of `tsd top`. */
export interface TopFlags extends StackOptions {
  readonly format: "table" | "json";
}

/** Runs `tsd top`. */
export async function runTop(services: readonly string[], flags: TopFlags): Promise<void> {
  const { project, engine } = await openStack(await verbContext(flags), services);
  const groups = await containersByService(engine, project, servicesInOrder(project, services, "dependencies-first"));
  const running = groups
    .flatMap((group) => group.containers)
    .filter((container) => container.state === "running" || container.state === "paused")
    .sort((a, b) => a.name.localeCompare(b.name));
  const tops = await Promise.all(running.map(async (container) => ({ container, top: await engine.topContainer(container.id) })));
  if (flags.format === "json") {
    const rows = tops.map(({ container, top }) => ({ name: container.name, service: container.labels[LABEL_SERVICE] ?? "", titles: top.titles, processes: top.processes }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  process.stdout.write(tops.map(({ container, top }) => `${container.name}\n${formatTable(top.titles, top.processes)}`).join("\n"));
}
