/**
 * Networks as overlay networks of the swarm (attachable, internal, IPAM as
 * written), and a service's attachments: every network it joins, with its
 * service key as an alias (docker/cli's convertServiceNetworks), sorted by
 * name.
 */
import type { Network, Service, Stack } from "../../../stack/model.js";
import type { OverlayNetworkSpec, SwarmTaskTemplate } from "../../../docker-api/swarm-types.js";
import { dropUndefined } from "./container-spec.js";
import { resourceLabels } from "./names.js";

/** The create request of a network tsd makes (external ones exist already). */
export function convertNetwork(stack: Stack, network: Network, version: string): OverlayNetworkSpec {
  const ipam = network.ipam;
  return dropUndefined({
    Name: network.name,
    Driver: network.driver ?? "overlay",
    Attachable: network.attachable,
    Internal: network.internal,
    Labels: resourceLabels(stack, network.key, version, network.labels),
    Options: Object.keys(network.driverOpts).length > 0 ? network.driverOpts : undefined,
    EnableIPv6: network.enableIpv6,
    IPAM: ipam
      ? dropUndefined({
          Driver: ipam.driver,
          Options: Object.keys(ipam.options).length > 0 ? ipam.options : undefined,
          Config: ipam.config.map((pool) =>
            dropUndefined({ Subnet: pool.subnet, IPRange: pool.ipRange, Gateway: pool.gateway, AuxiliaryAddresses: Object.keys(pool.auxAddresses).length > 0 ? pool.auxAddresses : undefined }),
          ),
        })
      : undefined,
  });
}

/** The service's network attachments. */
export function convertServiceNetworks(stack: Stack, serviceKey: string, service: Service): SwarmTaskTemplate["Networks"] {
  return Object.entries(service.networks)
    .map(([key, attachment]) => ({ Target: stack.networks[key]?.name ?? key, Aliases: [serviceKey, ...attachment.aliases.filter((alias) => alias !== serviceKey)] }))
    .sort((a, b) => a.Target.localeCompare(b.Target));
}
