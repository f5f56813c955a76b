/**
 * `tsd inspect SERVICE`: tsd's view of a service: each container's state,
 * health log, ports, networks and mounts, whether it matches the stack, and
 * the service as tsd resolved it. Text, or `--format json`.
 */
import { type ContainerInspection, containerVerbs, type ObservedMount } from "../../app/containers.js";
import { openSession } from "../session.js";
import { stringifyComposeYaml } from "../../stack/render/yaml.js";
import type { StackOptions } from "../stack-options.js";
import { formatTable } from "../render/table.js";
import { parseIndex } from "../flags/index-flag.js";

/** Flags of `tsd inspect`. */
export interface InspectFlags extends StackOptions {
  readonly index?: string;
  readonly format: "text" | "json";
}

const NEVER = "0001-01-01T00:00:00Z";

function stateText(container: ContainerInspection): string {
  const parts: string[] = [container.state === "exited" ? `exited (${container.exitCode})` : container.state];
  if (container.state === "running" && container.startedAt && container.startedAt !== NEVER) parts.push(`started ${container.startedAt}`);
  if (container.state !== "running" && container.finishedAt && container.finishedAt !== NEVER) parts.push(`finished ${container.finishedAt}`);
  parts.push(`restarts ${container.restartCount}`);
  if (container.oomKilled) parts.push("killed: out of memory");
  if (container.error) parts.push(`error: ${container.error}`);
  return parts.join(", ");
}

function mountText(mount: ObservedMount): string {
  return `${mount.type} ${mount.name ?? mount.source} -> ${mount.destination}${mount.readOnly ? " (read-only)" : ""}`;
}

/** Label and value rows of one container; a label repeats for no line after the first. */
function containerRows(container: ContainerInspection): string[][] {
  const rows: [string, string[]][] = [
    ["id", [container.id]],
    ["state", [stateText(container)]],
    ["image", [`${container.image} (${container.imageId})`]],
    ["command", [container.command.join(" ")]],
    ["health", [container.health.status === "none" ? "no health check" : `${container.health.status} (failing streak ${container.health.failingStreak})`]],
    ["health log", container.health.log.map((probe) => `${probe.start} exit ${probe.exitCode}: ${probe.output.trim().replace(/\s*\n\s*/g, " ⏎ ")}`)],
    ["ports", Object.entries(container.ports).map(([port, address]) => `${port} -> ${address}`)],
    ["networks", Object.entries(container.networks).map(([name, attachment]) => `${name} ${attachment.ipAddress}${attachment.aliases.length > 0 ? ` (${attachment.aliases.join(", ")})` : ""}`)],
    ["mounts", container.mounts.map(mountText)],
    ["config", [container.config.upToDate ? "matches the stack" : `differs from the stack (tsd up recreates it): ${container.config.changed.join(", ") || "config changed"}`]],
  ];
  return rows.flatMap(([label, values]) => values.map((value, line) => [`  ${line === 0 ? label : ""}`, value]));
}

/** Runs `tsd inspect`. */
export async function runInspect(service: string, flags: InspectFlags): Promise<void> {
  const index = parseIndex(flags.index);
  const session = await openSession(flags, [service]);
  const { project } = session;
  const inspection = await (await containerVerbs(session, "inspect")).inspect(project, service, index);
  if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(inspection, null, 2)}\n`);
    return;
  }
  const sections = inspection.containers.map((container) => {
    const table = formatTable(["", ""], containerRows(container)).split("\n").slice(1).join("\n");
    return `${container.name}${container.replica !== undefined ? ` (replica ${container.replica})` : ""}\n${table}`;
  });
  if (sections.length === 0) sections.push(`service ${service} has no containers (start it with \`tsd up\`)\n`);
  const spec = stringifyComposeYaml({ name: project.stack.name, services: { [service]: inspection.spec } });
  process.stdout.write(`${sections.join("\n")}\nspec, as tsd resolved it:\n${spec}`);
}
