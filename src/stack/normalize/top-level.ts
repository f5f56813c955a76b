/**
 * Top-level resources → canonical form: networks, volumes, secrets, configs
 * and data containers. Engine names default to `<project>_<key>`.
 */
import type { DataContainer, FileObject, Ipam, Network, Volume } from "../model.js";
import type { DataContainerSpec, FileObjectSpec, NetworkSpec, VolumeSpec } from "../schema/top-level.js";
import { type Report, sortedEntries, stringValues } from "./report.js";

type External = boolean | { name?: string | undefined } | undefined;

/**
 * Whether a resource is external and its engine name. The old
 * `external: {name}` form still works, but not together with `name`.
 */
function identity(
  kind: string,
  key: string,
  project: string,
  written: { name?: string | undefined; external?: External },
  report: Report,
): { external: boolean; name: string } {
  const external = written.external;
  const oldName = typeof external === "object" ? external.name : undefined;
  if (oldName !== undefined && written.name !== undefined && oldName !== written.name) {
    report.issue([kind, key, "external", "name"], `use name: instead of external.name (both are set, to "${written.name}" and "${oldName}")`);
  }
  const isExternal = typeof external === "object" ? true : external === true;
  const name = written.name ?? oldName ?? (isExternal ? key : `${project}_${key}`);
  return { external: isExternal, name };
}

/** Settings an external resource cannot have: tsd does not create it. */
function checkExternal(kind: string, key: string, written: object, keys: readonly string[], report: Report): void {
  const set = keys.filter((name) => (written as Record<string, unknown>)[name] !== undefined);
  if (set.length > 0) report.issue([kind, key], `an external ${kind.slice(0, -1)} cannot set ${set.join(", ")} (it is not created by tsd)`);
}

function ipamOf(spec: NonNullable<NetworkSpec>["ipam"]): Ipam | undefined {
  if (!spec) return undefined;
  return {
    ...(spec.driver !== undefined ? { driver: spec.driver } : {}),
    options: spec.options ?? {},
    config: (spec.config ?? []).map((pool) => ({
      auxAddresses: pool.aux_addresses ?? {},
      ...(pool.subnet !== undefined ? { subnet: pool.subnet } : {}),
      ...(pool.ip_range !== undefined ? { ipRange: pool.ip_range } : {}),
      ...(pool.gateway !== undefined ? { gateway: pool.gateway } : {}),
    })),
  };
}

/** Top-level networks; `default` is added when a service uses it without declaring it. */
export function normalizeNetworks(
  written: Readonly<Record<string, NetworkSpec>> | undefined,
  project: string,
  needsDefault: boolean,
  report: Report,
): Record<string, Network> {
  const entries = sortedEntries(written);
  if (needsDefault && !entries.some(([key]) => key === "default")) entries.push(["default", null]);
  const networks: Record<string, Network> = {};
  for (const [key, spec] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const network = spec ?? {};
    const { external, name } = identity("networks", key, project, network, report);
    if (external) checkExternal("networks", key, network, ["driver", "driver_opts", "ipam", "labels"], report);
    const ipam = ipamOf(network.ipam);
    networks[key] = {
      key,
      name,
      external,
      driverOpts: network.driver_opts ?? {},
      internal: network.internal ?? false,
      attachable: network.attachable ?? false,
      labels: stringValues(network.labels),
      ...(network.driver !== undefined ? { driver: network.driver } : {}),
      ...(network.enable_ipv4 !== undefined ? { enableIpv4: network.enable_ipv4 } : {}),
      ...(network.enable_ipv6 !== undefined ? { enableIpv6: network.enable_ipv6 } : {}),
      ...(ipam ? { ipam } : {}),
    };
  }
  return networks;
}

/** Top-level volumes. */
export function normalizeVolumes(written: Readonly<Record<string, VolumeSpec>> | undefined, project: string, report: Report): Record<string, Volume> {
  const volumes: Record<string, Volume> = {};
  for (const [key, spec] of sortedEntries(written)) {
    const volume = spec ?? {};
    const { external, name } = identity("volumes", key, project, volume, report);
    if (external) checkExternal("volumes", key, volume, ["driver", "driver_opts", "labels"], report);
    volumes[key] = {
      key,
      name,
      external,
      driverOpts: volume.driver_opts ?? {},
      labels: stringValues(volume.labels),
      ...(volume.driver !== undefined ? { driver: volume.driver } : {}),
    };
  }
  return volumes;
}

/** Top-level secrets or configs: each needs a source (file, environment, content) unless external. */
export function normalizeFileObjects(
  kind: "secrets" | "configs",
  written: Readonly<Record<string, FileObjectSpec>> | undefined,
  project: string,
  report: Report,
): Record<string, FileObject> {
  const objects: Record<string, FileObject> = {};
  for (const [key, spec] of sortedEntries(written)) {
    const { external, name } = identity(kind, key, project, spec, report);
    const sources = (["file", "environment", "content"] as const).filter((source) => spec[source] !== undefined);
    const allowed = kind === "configs" ? "file, environment or content" : "file or environment";
    if (!external && sources.length === 0) report.issue([kind, key], `must set ${allowed} (or external: true)`);
    if (sources.length > 1) report.issue([kind, key], `set only one of ${allowed} (found ${sources.join(" and ")})`);
    if (external && sources.length > 0) report.issue([kind, key], `an external ${kind.slice(0, -1)} cannot set ${sources.join(", ")}`);
    objects[key] = {
      key,
      name,
      external,
      ...(spec.file !== undefined ? { file: spec.file } : {}),
      ...(spec.environment !== undefined ? { environment: spec.environment } : {}),
      ...(spec.content !== undefined ? { content: spec.content } : {}),
      labels: stringValues(spec.labels),
      ...(spec.driver !== undefined ? { driver: spec.driver } : {}),
      ...(spec.driver_opts !== undefined ? { driverOpts: spec.driver_opts } : {}),
      ...(spec.template_driver !== undefined ? { templateDriver: spec.template_driver } : {}),
    };
  }
  return objects;
}

/** tsd's data containers. */
export function normalizeDataContainers(written: Readonly<Record<string, DataContainerSpec>> | undefined): Record<string, DataContainer> {
  const containers: Record<string, DataContainer> = {};
  for (const [key, spec] of sortedEntries(written)) {
    containers[key] = {
      name: key,
      image: spec.image,
      volumes: spec.volumes ?? [],
      labels: stringValues(spec.labels),
      ...(spec.command ? { command: spec.command } : {}),
    };
  }
  return containers;
}
