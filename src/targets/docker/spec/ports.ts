/**
 * `ports` and `expose` → Docker's `ExposedPorts` and `PortBindings`.
 */
import type { PortBinding } from "../../../docker-api/types.js";
import type { PortRange, Protocol, Service } from "../../../stack/model.js";

/** A container port as Docker keys it: `8080/tcp`. */
export type PortKey = `${number}/${Protocol}`;

/** What the container part of a create call needs. */
export interface PortSpecs {
  /** Every published or exposed container port, first-seen order, no duplicates. */
  readonly exposedPorts: readonly PortKey[];
  readonly portBindings: Readonly<Record<string, readonly PortBinding[]>>;
}

function portKey(port: number, protocol: Protocol): PortKey {
  return `${port}/${protocol}`;
}

/** `8080` or `8080-8081`: a host range for one container port lets the engine pick a free one in it. */
function hostPort(range: PortRange | undefined): string {
  if (range === undefined) return "";
  return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`;
}

/**
 * Published ports become bindings (several entries for one container port
 * add up, as `-p` flags do); a port without a host port still gets a binding
 * with an empty host port, which is how Docker (and Compose) ask for an
 * ephemeral one. `expose` entries are only exposed.
 */
export function portSpecs(service: Service): PortSpecs {
  const exposed = new Set<PortKey>();
  const bindings: Record<string, PortBinding[]> = {};
  for (const port of service.ports) {
    const key = portKey(port.target, port.protocol);
    exposed.add(key);
    (bindings[key] ??= []).push({ hostIp: port.hostIp ?? "", hostPort: hostPort(port.published) });
  }
  for (const port of service.expose) exposed.add(portKey(port.port, port.protocol));
  return { exposedPorts: [...exposed], portBindings: bindings };
}

/** A container port another container can reach. */
export interface ServicePort {
  readonly port: number;
  readonly protocol: Protocol;
}

/**
 * Every container port a service offers to others (`expose` and the targets
 * of `ports`), ordered as Docker orders a linked container's ports: by
 * number, tcp first on a tie. The first one is the link's `<ALIAS>_PORT`.
 */
export function servicePorts(service: Service): ServicePort[] {
  const byKey = new Map<string, ServicePort>();
  for (const { target, protocol } of service.ports) byKey.set(portKey(target, protocol), { port: target, protocol });
  for (const { port, protocol } of service.expose) byKey.set(portKey(port, protocol), { port, protocol });
  const protocolRank = (protocol: Protocol): number => (protocol === "tcp" ? 0 : protocol === "udp" ? 1 : 2);
  return [...byKey.values()].sort((a, b) => a.port - b.port || protocolRank(a.protocol) - protocolRank(b.protocol));
}
