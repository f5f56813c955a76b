/**
 * `tsd volumes`, `tsd networks` and their `inspect`: the stack's volumes and
 * networks as the engine holds them, with the services using each.
 */
import { objectVerbs } from "../../app/objects.js";
import { decimalSize } from "../render/byte-size.js";
import { formatTable } from "../render/table.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

type Kind = "volumes" | "networks";

/** Flags of the lists. */
export interface ListFlags extends StackOptions {
  readonly quiet?: boolean;
  readonly format: "table" | "json";
}

/** Names only, JSON, or the table. */
function print<Row extends { readonly name: string }>(rows: readonly Row[], flags: ListFlags, header: readonly string[], cells: (row: Row) => string[]): void {
  if (flags.quiet) {
    if (rows.length > 0) process.stdout.write(`${rows.map((row) => row.name).join("\n")}\n`);
  } else if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    process.stdout.write(formatTable(header, rows.map(cells)));
  }
}

/** The action of `tsd volumes` or `tsd networks`. */
export function listAction(kind: Kind): (services: readonly string[], flags: ListFlags) => Promise<void> {
  return async (services, flags) => {
    const session = await openSession(flags, services);
    const objects = await objectVerbs(session, kind);
    if (kind === "volumes") {
      print(await objects.volumes(session.project, services), flags, ["VOLUME NAME", "DRIVER", "SIZE", "SERVICES", "MOUNTPOINT"], (volume) => [
        volume.name,
        volume.driver,
        volume.sizeBytes === undefined ? "N/A" : decimalSize(volume.sizeBytes),
        volume.services.join(", "),
        volume.mountpoint,
      ]);
      return;
    }
    print(await objects.networks(session.project, services), flags, ["NETWORK ID", "NAME", "DRIVER", "SCOPE", "INTERNAL", "SERVICES"], (network) => [
      network.id.slice(0, 12),
      network.name,
      network.driver,
      network.scope,
      String(network.internal),
      network.services.join(", "),
    ]);
  };
}

/** The action of `tsd volumes inspect` or `tsd networks inspect`: a JSON array, as `docker … inspect`. */
export function inspectAction(kind: Kind): (names: readonly string[], flags: StackOptions) => Promise<void> {
  return async (names, flags) => {
    const session = await openSession(flags, []);
    const objects = await objectVerbs(session, `${kind} inspect`);
    const found = kind === "volumes" ? await objects.inspectVolumes(session.project, names) : await objects.inspectNetworks(session.project, names);
    process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
  };
}
