/**
 * The host paths a container can reach through its mounts: bind mounts,
 * named volumes that are binds in disguise (the local driver with
 * `o: bind`), and, for services, whatever `volumes_from` brings in from
 * other services and data containers (the seeds' data-container pattern),
 * read-only when imported with `:ro`.
 */
import { posix } from "node:path";
import type { Location } from "../stack/located.js";
import type { Mount, Stack } from "../stack/model.js";
import type { AuditContext, Subject } from "./finding.js";

/** One host path mounted into the container. */
export interface HostMount {
  /** Absolute, normalised host path. */
  readonly hostPath: string;
  readonly readOnly: boolean;
  /** The mount entry, or the `volumes_from` entry that brought it in. */
  readonly location: Location | undefined;
  /** How it gets there, for messages: `bind mount`, `volume "data" (a bind of /srv)`, `volumes_from proxy`. */
  readonly via: string;
}

/** Every host path `subject` mounts, in the order written. */
export function hostMounts(subject: Subject, { stack, locator }: AuditContext): HostMount[] {
  const own = ownHostMounts(subject.volumes, stack).map((mount) => ({
    ...mount,
    location: locator.listEntry([...subject.path, "volumes"], mount.index, subject.volumes.length),
  }));
  if (subject.kind !== "service") return own;
  const imported = subject.volumesFrom.flatMap((from, index) => {
    if (from.kind === "container") return [];
    const location = locator.listEntry([...subject.path, "volumes_from"], index, subject.volumesFrom.length);
    return importedMounts(stack, from.kind, from.name, new Set([subject.name])).map((mount) => ({
      hostPath: mount.hostPath,
      readOnly: mount.readOnly || from.readOnly,
      location,
      via: `volumes_from ${from.name} (its ${mount.via})`,
    }));
  });
  return [...own, ...imported];
}

interface IndexedHostMount {
  readonly hostPath: string;
  readonly readOnly: boolean;
  readonly via: string;
  /** Index in the container's `volumes`. */
  readonly index: number;
}

function ownHostMounts(volumes: readonly Mount[], stack: Stack): IndexedHostMount[] {
  return volumes.flatMap((mount, index): IndexedHostMount[] => {
    if (mount.type === "bind") return [{ hostPath: normalizeHostPath(mount.source), readOnly: mount.readOnly, via: "bind mount", index }];
    if (mount.type !== "volume" || mount.source === undefined) return [];
    const device = bindDevice(stack, mount.source);
    return device === undefined ? [] : [{ hostPath: device, readOnly: mount.readOnly, via: `volume "${mount.source}" (a bind of ${device})`, index }];
  });
}

/** What a container's mounts look like from a container importing them with volumes_from (transitively, as the engine copies them). */
function importedMounts(stack: Stack, kind: "service" | "dataContainer", name: string, seen: Set<string>): Omit<HostMount, "location">[] {
  if (seen.has(name)) return [];
  seen.add(name);
  if (kind === "dataContainer") return ownHostMounts(stack.dataContainers[name]?.volumes ?? [], stack);
  const service = stack.services[name];
  if (!service) return [];
  const inherited = service.volumesFrom.flatMap((from) =>
    from.kind === "container" ? [] : importedMounts(stack, from.kind, from.name, seen).map((mount) => ({ ...mount, readOnly: mount.readOnly || from.readOnly })),
  );
  return [...ownHostMounts(service.volumes, stack), ...inherited];
}

/** The host directory a named volume binds (`driver_opts: {type: none, o: bind, device: /path}`), if it is such a volume. */
function bindDevice(stack: Stack, volumeKey: string): string | undefined {
  const volume = stack.volumes[volumeKey];
  if (!volume || volume.external || (volume.driver !== undefined && volume.driver !== "local")) return undefined;
  const options = (volume.driverOpts.o ?? "").split(",").map((option) => option.trim());
  const device = volume.driverOpts.device;
  return options.includes("bind") && device !== undefined && posix.isAbsolute(device) ? normalizeHostPath(device) : undefined;
}

/** `/var/run/` and `/var//run` are `/var/run`. */
function normalizeHostPath(path: string): string {
  const normalized = posix.normalize(path);
  return normalized.length > 1 ? normalized.replace(/\/+$/, "") : normalized;
}

/** True when `path` is `directory` or inside it. */
export function isWithin(path: string, directory: string): boolean {
  return path === directory || path.startsWith(directory === "/" ? "/" : `${directory}/`);
}
