/**
 * Service fields about networking and ordering: networks, network_mode,
 * depends_on, extra_hosts, links, volumes_from.
 */
import { z } from "zod";
import type { Dependency, DependencyCondition, ExtraHost } from "../model.js";
import { extraHost, parseExtraHost, parseNetworkMode, parseVolumesFrom } from "../syntax/service-fields.js";
import { boolean, decimal, parsedBy, str, stringList, stringMap } from "./scalars.js";
import { section } from "./section.js";
import { ipAddress, macAddress } from "./values.js";

/** Service and network keys: what compose-go allows. */
export const RESOURCE_KEY_PATTERN = /^[a-zA-Z0-9._-]+$/;

const serviceNetwork = section(
  "service.network",
  {
    aliases: stringList().optional(),
    ipv4_address: ipAddress(4).optional(),
    ipv6_address: ipAddress(6).optional(),
    mac_address: macAddress().optional(),
    link_local_ips: stringList().optional(),
    priority: decimal().optional(),
    gw_priority: decimal().optional(),
    driver_opts: stringMap().optional(),
    interface_name: str().optional(),
  },
  "how the service joins the network",
);

/** A service's settings on one network, as written (null: defaults). */
export type ServiceNetworkSpec = z.output<typeof serviceNetwork> | null;

/** `networks` of a service: a list of names or a mapping; output: a mapping (null entries for defaults). */
export const serviceNetworks = z
  .union([z.array(z.string({ error: "must be a network name" })), z.record(z.string(), z.union([serviceNetwork, z.null()], { error: "must be a mapping or empty" }))], {
    error: "must be a list of network names or a mapping",
  })
  .transform((value): Record<string, ServiceNetworkSpec> => (Array.isArray(value) ? Object.fromEntries(value.map((name) => [name, null])) : value));

/** `network_mode`; output: the parsed mode. */
export const networkMode = z.string({ error: "must be a string" }).transform(parsedBy(parseNetworkMode));

const CONDITIONS = ["service_started", "service_healthy", "service_completed_successfully"] as const satisfies readonly DependencyCondition[];

const dependency = section(
  "depends_on",
  {
    condition: z.enum(CONDITIONS, { error: `must be one of ${CONDITIONS.join(", ")}` }).optional(),
    required: boolean().optional(),
    restart: boolean().optional(),
  },
  "a dependency",
);

/** `depends_on`: a list of services or a mapping; output: the long form with Compose's defaults. */
export const dependsOn = z
  .union([z.array(z.string({ error: "must be a service name" })), z.record(z.string(), z.union([dependency, z.null()], { error: "must be a mapping or empty" }))], {
    error: "must be a list of service names or a mapping",
  })
  .transform((value): Record<string, Dependency> => {
    const defaults: Dependency = { condition: "service_started", required: true, restart: false };
    if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [name, defaults]));
    return Object.fromEntries(
      Object.entries(value).map(([name, entry]) => [
        name,
        { condition: entry?.condition ?? defaults.condition, required: entry?.required ?? true, restart: entry?.restart ?? false },
      ]),
    );
  });

/** `extra_hosts`: `host:ip` strings or a mapping host → ip (or list of ips). */
export const extraHosts = z
  .union(
    [
      z.array(z.string({ error: 'must be a string like "host:10.0.0.1"' })),
      z.record(z.string(), z.union([z.string(), z.array(z.string())], { error: "must be an IP address or a list of them" })),
    ],
    { error: "must be a list of HOST:IP strings or a mapping of host names to IP addresses" },
  )
  .transform((value, context): ExtraHost[] => {
    const hosts: ExtraHost[] = [];
    const report = (path: (string | number)[], input: string, message: string): void => {
      context.issues.push({ code: "custom", input, path, message });
    };
    if (Array.isArray(value)) {
      value.forEach((entry, index) => {
        const parsed = parseExtraHost(entry);
        if (parsed.ok) hosts.push(parsed.value);
        else report([index], entry, parsed.message);
      });
      return hosts;
    }
    for (const [host, addresses] of Object.entries(value)) {
      for (const address of typeof addresses === "string" ? [addresses] : addresses) {
        const parsed = extraHost(host, address, JSON.stringify(host));
        if (parsed.ok) hosts.push(parsed.value);
        else report([host], address, parsed.message);
      }
    }
    return hosts;
  });

/** `volumes_from` entries. */
export const volumesFrom = z.array(z.string({ error: "must be a string like service[:ro]" }).transform(parsedBy(parseVolumesFrom)), {
  error: "must be a list of services or containers",
});
