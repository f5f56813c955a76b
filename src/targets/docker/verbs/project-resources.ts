/**
 * `tsd volumes` and `tsd networks`: the stack's top-level volumes and
 * networks as the engine holds them, each with the services that mount or
 * join it (from the stack file), and their `inspect`. Objects the stack
 * declares but the engine does not hold (never `up`, removed by `down`) are
 * left out, as `docker volume ls` would not show them either.
 */
import { UsageError } from "../../../base/errors.js";
import type { Engine } from "../../../docker-api/engine.js";
import type { NetworkDetails, VolumeDetails } from "../../../docker-api/operations/objects.js";
import type { Project } from "../../../project/project.js";
import { servicesInOrder } from "../../../project/services.js";
import type { Stack } from "../../../stack/model.js";

/** One row of `tsd volumes`. */
export interface VolumeRow {
  /** Key in the stack file. */
  readonly key: string;
  /** Engine name. */
  readonly name: string;
  readonly driver: string;
  readonly mountpoint: string;
  readonly external: boolean;
  /** Services (and data containers) mounting it, sorted. */
  readonly services: readonly string[];
  /** Absent where the engine does not report it. */
  readonly sizeBytes?: number;
}

/** One row of `tsd networks`. */
export interface NetworkRow {
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly internal: boolean;
  readonly external: boolean;
  /** Services joining it, sorted. */
  readonly services: readonly string[];
}

/** A volume inspected, with its stack key and users. */
export interface VolumeInspection extends VolumeDetails {
  readonly key: string;
  readonly services: readonly string[];
}

/** A network inspected, with its stack key and users. */
export interface NetworkInspection extends NetworkDetails {
  readonly key: string;
  readonly services: readonly string[];
}

/** Services (and data containers) whose mounts name the volume key. */
function volumeUsers(stack: Stack, key: string, services: readonly string[]): string[] {
  const users = services.filter((service) => stack.services[service]?.volumes.some((mount) => mount.type === "volume" && mount.source === key));
  const holders = Object.entries(stack.dataContainers)
    .filter(([, holder]) => holder.volumes.some((mount) => mount.type === "volume" && mount.source === key))
    .map(([holderKey]) => holderKey);
  return [...new Set([...users, ...holders])].sort();
}

function networkUsers(stack: Stack, key: string, services: readonly string[]): string[] {
  return services.filter((service) => key in (stack.services[service]?.networks ?? {})).sort();
}

/** Keys whose users include one of the named services (all keys when none are named). */
function keysFor(keys: readonly string[], users: (key: string) => readonly string[], named: readonly string[]): string[] {
  const sorted = [...keys].sort();
  return named.length === 0 ? sorted : sorted.filter((key) => users(key).some((user) => named.includes(user)));
}

/** Picks keys by key or engine name; every name must be the stack's. */
function pick(keys: readonly string[], engineName: (key: string) => string, wanted: readonly string[], what: string): string[] {
  if (wanted.length === 0) return [...keys].sort();
  return wanted.map((name) => {
    const key = keys.find((candidate) => candidate === name || engineName(candidate) === name);
    if (key === undefined) throw new UsageError(`no such ${what} in the stack: ${name} (${what}s: ${[...keys].sort().join(", ") || "none"})`);
    return key;
  });
}

/** `tsd volumes [SERVICE…]`. */
export async function projectVolumes(engine: Engine, project: Project, services: readonly string[]): Promise<VolumeRow[]> {
  const stack = project.stack;
  const all = servicesInOrder(project, [], "dependencies-first");
  const keys = keysFor(Object.keys(stack.volumes), (key) => volumeUsers(stack, key, all), services);
  const [details, sizes] = await Promise.all([Promise.all(keys.map((key) => engine.volumeDetails(stack.volumes[key]?.name ?? key))), engine.volumeSizes()]);
  return keys.flatMap((key, index) => {
    const volume = details[index];
    if (!volume) return [];
    const size = sizes[volume.name];
    return [{ key, name: volume.name, driver: volume.driver, mountpoint: volume.mountpoint, external: stack.volumes[key]?.external === true, services: volumeUsers(stack, key, all), ...(size === undefined ? {} : { sizeBytes: size }) }];
  });
}

/** `tsd networks [SERVICE…]`. */
export async function projectNetworks(engine: Engine, project: Project, services: readonly string[]): Promise<NetworkRow[]> {
  const stack = project.stack;
  const all = servicesInOrder(project, [], "dependencies-first");
  const keys = keysFor(Object.keys(stack.networks), (key) => networkUsers(stack, key, all), services);
  const details = await Promise.all(keys.map((key) => engine.networkDetails(stack.networks[key]?.name ?? key)));
  return keys.flatMap((key, index) => {
    const network = details[index];
    if (!network) return [];
    return [{ key, id: network.id, name: network.name, driver: network.driver, scope: network.scope, internal: network.internal, external: stack.networks[key]?.external === true, services: networkUsers(stack, key, all) }];
  });
}

/** `tsd volumes inspect [VOLUME…]` (stack keys or engine names; none: all the stack's volumes the engine holds). */
export async function inspectVolumes(engine: Engine, project: Project, names: readonly string[]): Promise<VolumeInspection[]> {
  const stack = project.stack;
  const all = servicesInOrder(project, [], "dependencies-first");
  const keys = pick(Object.keys(stack.volumes), (key) => stack.volumes[key]?.name ?? key, names, "volume");
  const details = await Promise.all(keys.map((key) => engine.volumeDetails(stack.volumes[key]?.name ?? key)));
  return keys.flatMap((key, index) => {
    const volume = details[index];
    if (!volume) {
      if (names.length > 0) throw new UsageError(`volume ${key} (${stack.volumes[key]?.name ?? key}) does not exist in the engine: run \`tsd up\` first`);
      return [];
    }
    return [{ ...volume, key, services: volumeUsers(stack, key, all) }];
  });
}

/** `tsd networks inspect [NETWORK…]`. */
export async function inspectNetworks(engine: Engine, project: Project, names: readonly string[]): Promise<NetworkInspection[]> {
  const stack = project.stack;
  const all = servicesInOrder(project, [], "dependencies-first");
  const keys = pick(Object.keys(stack.networks), (key) => stack.networks[key]?.name ?? key, names, "network");
  const details = await Promise.all(keys.map((key) => engine.networkDetails(stack.networks[key]?.name ?? key)));
  return keys.flatMap((key, index) => {
    const network = details[index];
    if (!network) {
      if (names.length > 0) throw new UsageError(`network ${key} (${stack.networks[key]?.name ?? key}) does not exist in the engine: run \`tsd up\` first`);
      return [];
    }
    return [{ ...network, key, services: networkUsers(stack, key, all) }];
  });
}
