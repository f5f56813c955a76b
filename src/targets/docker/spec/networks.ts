/**
 * How a service's containers join networks: Docker's `NetworkMode` and one
 * endpoint per network, primary first.
 */
import type { NetworkAttachmentSpec } from "../../../docker-api/types.js";
import type { Service, ServiceNetwork, Stack } from "../../../stack/model.js";
import { networkEngineName, serviceContainerName } from "../../../stack/names.js";

/** One network a service joins, resolved. */
export interface JoinedNetwork {
  /** Top-level network key. */
  readonly key: string;
  /** Engine name. */
  readonly name: string;
  readonly settings: ServiceNetwork;
}

const NO_SETTINGS: ServiceNetwork = { aliases: [], linkLocalIps: [], driverOpts: {} };

/**
 * The networks a service joins, primary first: highest `priority`, then by
 * key, as Compose orders them (the first is the one the container is created
 * on; the engine connects the rest before start). The loader already lists
 * `default` for a service that names no network; a stack built by hand may
 * leave `networks` empty, and then `default` is joined when the stack has it.
 */
export function joinedNetworks(stack: Stack, service: Service): JoinedNetwork[] {
  if (service.networkMode !== undefined) return [];
  const written = Object.entries(service.networks);
  const entries: [string, ServiceNetwork][] = written.length > 0 ? written : stack.networks.default ? [["default", NO_SETTINGS]] : [];
  return entries
    .sort(([keyA, a], [keyB, b]) => (b.priority ?? 0) - (a.priority ?? 0) || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([key, settings]) => ({ key, name: networkEngineName(stack, key), settings }));
}

/**
 * Docker's `NetworkMode`: `network_mode` as the engine spells it
 * (`service:x` → `container:<x's first replica>`), else the primary
 * network's engine name, else `bridge` (a hand-built stack with no network:
 * Docker's default bridge).
 */
export function networkMode(stack: Stack, service: Service): string {
  const mode = service.networkMode;
  if (mode === undefined) return joinedNetworks(stack, service)[0]?.name ?? "bridge";
  switch (mode.kind) {
    case "bridge":
    case "host":
    case "none":
      return mode.kind;
    case "service":
      return `container:${serviceContainerName(stack, mode.service, 1)}`;
    case "container":
      return `container:${mode.container}`;
  }
}

/**
 * One endpoint per joined network. The service name is always an alias, as
 * Compose makes it, so every replica answers to it by DNS; written aliases
 * follow, without repeats.
 */
export function networkAttachments(stack: Stack, service: Service): NetworkAttachmentSpec[] {
  return joinedNetworks(stack, service).map(({ name, settings }) => ({
    network: name,
    aliases: [...new Set([service.name, ...settings.aliases])],
    ipv4Address: settings.ipv4Address,
    ipv6Address: settings.ipv6Address,
    macAddress: settings.macAddress,
    linkLocalIps: settings.linkLocalIps,
    driverOpts: settings.driverOpts,
  }));
}
