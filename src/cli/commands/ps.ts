/**
 * `tsd ps` and `tsd ls`: what runs, by project and service.
 */
import { projects } from "../../app/status.js";
import { formatTable } from "../render/table.js";
import { commandBus, openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd ps`. */
export interface PsFlags extends StackOptions {
  readonly all?: boolean;
  readonly quiet?: boolean;
  readonly format: "table" | "json";
}

/** Runs `tsd ps`. */
export async function runPs(services: readonly string[], flags: PsFlags): Promise<void> {
  const session = await openSession(flags, services);
  const shown = await session.status({ all: flags.all ?? false, services });
  if (flags.quiet) {
    if (shown.length > 0) process.stdout.write(`${shown.map((replica) => replica.id).join("\n")}\n`);
    return;
  }
  const rows = shown.map((replica) => ({
    id: replica.id,
    name: replica.name,
    service: replica.service,
    status: replica.status,
    state: replica.engineState,
    health: replica.health,
    ports: replica.ports.join(", "),
    image: replica.image,
    ...(replica.swarm ? { swarm: replica.swarm } : {}),
  }));
  if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (session.targetName === "swarm") {
    // A Swarm task: where it runs, what Swarm wants of it and what it is.
    const tasks = shown.map((replica) => [replica.name, replica.service, String(replica.swarm?.slot ?? ""), replica.swarm?.node ?? "", replica.swarm?.desiredState ?? "", replica.swarm?.currentState ?? "", replica.swarm?.error ?? "", replica.ports.join(", ")]);
    process.stdout.write(formatTable(["NAME", "SERVICE", "SLOT", "NODE", "DESIRED", "CURRENT", "ERROR", "PORTS"], tasks));
    return;
  }
  process.stdout.write(formatTable(["NAME", "SERVICE", "STATUS", "PORTS"], rows.map((row) => [row.name, row.service, row.status, row.ports])));
}

/** Runs `tsd ls`. */
export async function runLs({ format }: { readonly format: "table" | "json" }): Promise<void> {
  const bus = commandBus({});
  const found = await projects({ target: "docker", environment: process.env, emit: bus.publish });
  if (format === "json") {
    process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
    return;
  }
  process.stdout.write(formatTable(["NAME", "STATUS", "FOLDER"], found.map((project) => [project.name, `running(${project.running}/${project.total})`, project.directory])));
}
