/**
 * `tsd port SERVICE PRIVATE_PORT`: the host address a container port is
 * published on, as Compose prints it (`0.0.0.0:49153`).
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import { UsageError } from "../../../base/errors.js";
import type { Project } from "../../../project/project.js";
import { oneServiceContainer } from "./containers.js";

/** A port's protocol. */
export type PortProtocol = "tcp" | "udp" | "sctp";

/** Reads a PRIVATE_PORT argument: a port number, 1 to 65535. */
export function parsePrivatePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UsageError(`invalid port "${value}": expected a number from 1 to 65535`);
  return port;
}

/**
 * `host:port` of the container port's first binding (the engine lists IPv4
 * before IPv6); an IPv6 host in brackets; undefined when not published.
 */
export function publishedAddress(container: ObservedContainer, port: number, protocol: PortProtocol): string | undefined {
  const binding = container.ports[`${port}/${protocol}`]?.[0];
  if (!binding) return undefined;
  const host = binding.hostIp === "" ? "0.0.0.0" : binding.hostIp;
  return `${host.includes(":") ? `[${host}]` : host}:${binding.hostPort}`;
}

/** The published address of a service container's port; a UsageError when it is not published. */
export async function servicePort(engine: Engine, project: Project, service: string, port: number, protocol: PortProtocol, index = 1): Promise<string> {
  const container = await oneServiceContainer(engine, project, service, index);
  const address = publishedAddress(container, port, protocol);
  if (address === undefined) {
    const hint = container.state === "running" ? "publish it with `ports:` in the stack" : `${container.name} is ${container.state}; start it with \`tsd up\``;
    throw new UsageError(`port ${port}/${protocol} of ${container.name} is not published`, hint);
  }
  return address;
}
