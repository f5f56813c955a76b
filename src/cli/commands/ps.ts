/**
 * `tsd ps` and `tsd ls`: what runs, by project and service.
 */
import { LABEL_SERVICE } from "../../base/labels.js";
import type { ObservedContainer } from "../../docker-api/types.js";
import { listProjectContainers, listProjects } from "../../app/orchestrator.js";
import type { Project } from "../../project/project.js";
import { isDataContainer } from "../../base/labels.js";
import { formatStatus, isOneShot, statusOf } from "../../targets/docker/supervision/status.js";
import { dockerConnector } from "../connect.js";
import type { StackOptions } from "../stack-options.js";
import { formatTable } from "../render/table.js";
import { verbContext, warnOnStderr } from "../verb-context.js";

/** Flags of `tsd ps`. */
export interface PsFlags extends StackOptions {
  readonly all?: boolean;
  readonly quiet?: boolean;
  readonly format: "table" | "json";
}

/** Runs `tsd ps`. */
export async function runPs(services: readonly string[], flags: PsFlags): Promise<void> {
  const { project, containers } = await listProjectContainers(await verbContext(flags), flags.all ?? false, services);
  const shown = containers.filter((container) => services.length === 0 || services.includes(container.labels[LABEL_SERVICE] ?? ""));
  if (flags.quiet) {
    if (shown.length > 0) process.stdout.write(`${shown.map((container) => container.id).join("\n")}\n`);
    return;
  }
  if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(shown.map((container) => psRow(container, project)), null, 2)}\n`);
    return;
  }
  const rows = shown.map((container) => psRow(container, project)).map((row) => [row.name, row.service, row.status, row.ports]);
  process.stdout.write(formatTable(["NAME", "SERVICE", "STATUS", "PORTS"], rows));
}

function psRow(container: ObservedContainer, project: Project) {
  const service = container.labels[LABEL_SERVICE] ?? "";
  const ports = Object.entries(container.ports)
    .flatMap(([port, bindings]) => (bindings.length === 0 ? [port] : bindings.map((binding) => `${binding.hostIp || "0.0.0.0"}:${binding.hostPort}->${port}`)))
    .sort();
  return {
    id: container.id,
    name: container.name,
    service,
    status: psStatus(container, project),
    state: container.state === "exited" ? `exited (${container.exitCode})` : container.state,
    health: container.health === "none" ? "" : container.health,
    ports: ports.join(", "),
    image: container.image,
  };
}

/** The supervisor's vocabulary (healthy, completed, exited(1), …), read from the engine the same way. */
function psStatus(container: ObservedContainer, project: Project): string {
  if (isDataContainer(container)) {
    // A data container without a command is never started: it exists to hold its volumes.
    return container.state === "created" ? "holds volumes" : formatStatus(statusOf(container, true));
  }
  const service = container.labels[LABEL_SERVICE] ?? "";
  return formatStatus(statusOf(container, isOneShot(service, Object.values(project.stack.services))));
}

/** Runs `tsd ls`. */
export async function runLs(format: "table" | "json"): Promise<void> {
  const projects = await listProjects(await dockerConnector(warnOnStderr));
  if (format === "json") {
    process.stdout.write(`${JSON.stringify(projects, null, 2)}\n`);
    return;
  }
  process.stdout.write(formatTable(["NAME", "STATUS", "FOLDER"], projects.map((project) => [project.name, `running(${project.running}/${project.total})`, project.directory])));
}
