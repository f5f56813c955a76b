/**
 * Service fields about networking and ordering: depends_on, networks,
 * network_mode, links, volumes_from and extra_hosts.
 */
import type { Dependency, ExtraHost, Link, NetworkMode, ServiceNetwork, VolumesFrom } from "../model.js";
import type { ComposeDependency, ComposeService, ComposeServiceNetwork } from "./compose-types.js";
import { nonEmpty, nonEmptyMap, onlyTrue } from "./plain.js";

/** `depends_on`, long form; `required` is always printed, as Compose does. */
export function renderDependsOn(dependsOn: Readonly<Record<string, Dependency>>): ComposeService["depends_on"] {
  const entries = Object.entries(dependsOn).map(([name, dependency]): [string, ComposeDependency] => [
    name,
    { condition: dependency.condition, required: dependency.required, restart: onlyTrue(dependency.restart) },
  ]);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * `networks`. Joining only the project's `default` network with no settings
 * is what a service without `networks` does, so it is left out.
 */
export function renderServiceNetworks(networks: Readonly<Record<string, ServiceNetwork>>): ComposeService["networks"] {
  const entries = Object.entries(networks).map(([key, network]) => [key, renderServiceNetwork(network)] as const);
  const onlyDefault = entries.length === 1 && entries[0]?.[0] === "default" && entries[0][1] === null;
  return entries.length === 0 || onlyDefault ? undefined : Object.fromEntries(entries);
}

/** One attachment; `null` when every setting has its default (Compose prints it so). */
function renderServiceNetwork(network: ServiceNetwork): ComposeServiceNetwork | null {
  const rendered: ComposeServiceNetwork = {
    aliases: nonEmpty(network.aliases),
    ipv4_address: network.ipv4Address,
    ipv6_address: network.ipv6Address,
    mac_address: network.macAddress,
    link_local_ips: nonEmpty(network.linkLocalIps),
    priority: network.priority,
    gw_priority: network.gwPriority,
    driver_opts: nonEmptyMap(network.driverOpts),
    interface_name: network.interfaceName,
  };
  return Object.values(rendered).some((value) => value !== undefined) ? rendered : null;
}

/** `network_mode` as written: `host`, `service:db`, `container:name`. */
export function renderNetworkMode(mode: NetworkMode | undefined): string | undefined {
  if (mode === undefined) return undefined;
  switch (mode.kind) {
    case "bridge":
    case "host":
    case "none":
      return mode.kind;
    case "service":
      return `service:${mode.service}`;
    case "container":
      return `container:${mode.container}`;
  }
}

/** `service`, or `service:alias` when the alias differs. */
export function renderLink(link: Link): string {
  return link.alias === link.service ? link.service : `${link.service}:${link.alias}`;
}

/** `name[:ro]`, `container:name[:ro]`. */
export function renderVolumesFrom(entry: VolumesFrom): string {
  const name = entry.kind === "container" ? `container:${entry.name}` : entry.name;
  return entry.readOnly ? `${name}:ro` : name;
}

/** `host=ip`, Compose's separator (readable with IPv6: `host=::1`). */
export function renderExtraHost(host: ExtraHost): string {
  return `${host.host}=${host.ip}`;
}
