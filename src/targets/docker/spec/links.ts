/**
 * Legacy `links`. On Docker's default bridge the engine implements them
 * itself (HostConfig `Links`: /etc/hosts entries and environment variables).
 * On user-defined networks, which is where Compose puts services, Docker
 * keeps only the name part: an endpoint `Links` entry registers the alias in
 * the linking container's embedded DNS, scoped to that container, and sets
 * no variable. So tsd writes the variables itself; apps from the docker-run
 * era read `DB_PORT_5432_TCP_ADDR` and friends.
 */
import type { Service, Stack } from "../../../stack/model.js";
import { serviceContainerName, stackService } from "../../../stack/names.js";
import { joinedNetworks } from "./networks.js";
import { type ServicePort, servicePorts } from "./ports.js";

/** A link resolved to the container it points at and the ports that container offers. */
export interface ResolvedLink {
  readonly service: string;
  readonly alias: string;
  /** The linked service's first replica: a link names one container, as `volumes_from` does. */
  readonly container: string;
  /** In Docker's link order (by number, tcp first). */
  readonly ports: readonly ServicePort[];
}

/** The service's links, resolved. */
export function resolvedLinks(stack: Stack, service: Service): ResolvedLink[] {
  return service.links.map((link) => ({
    service: link.service,
    alias: link.alias,
    container: serviceContainerName(stack, link.service, 1),
    ports: servicePorts(stackService(stack, link.service)),
  }));
}

/** `db` → `DB`, `my-db.1` → `MY_DB_1`: what a shell accepts as a variable name. */
function variablePrefix(alias: string): string {
  return alias.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/**
 * Docker's link variables, for one container (`containerName`) linking to
 * each of `links`:
 *
 *   DB_PORT=tcp://db:5432                 (the first port)
 *   DB_PORT_5432_TCP=tcp://db:5432
 *   DB_PORT_5432_TCP_ADDR=db
 *   DB_PORT_5432_TCP_PORT=5432
 *   DB_PORT_5432_TCP_PROTO=tcp
 *   DB_NAME=/<containerName>/db
 *
 * Docker writes the linked container's IP address into `_ADDR` and the URLs.
 * That address is unknown until the linked container starts, and changes
 * whenever it is recreated, which would make this container's spec (and its
 * config hash) depend on runtime state. The alias is stable and resolves to
 * the current address through the endpoint link, so tsd writes the alias.
 * Docker's `_ENV_` copies of the linked container's environment and its
 * `_START`/`_END` range variables are not written.
 */
export function linkEnvironment(links: readonly ResolvedLink[], containerName: string): string[] {
  return links.flatMap((link) => {
    const prefix = variablePrefix(link.alias);
    const url = ({ port, protocol }: ServicePort): string => `${protocol}://${link.alias}:${port}`;
    const perPort = link.ports.flatMap((port) => {
      const name = `${prefix}_PORT_${port.port}_${port.protocol.toUpperCase()}`;
      return [`${name}=${url(port)}`, `${name}_ADDR=${link.alias}`, `${name}_PORT=${port.port}`, `${name}_PROTO=${port.protocol}`];
    });
    const first = link.ports[0];
    const defaultPort = first !== undefined ? [`${prefix}_PORT=${url(first)}`] : [];
    return [...defaultPort, ...perPort, `${prefix}_NAME=/${containerName}/${link.alias}`];
  });
}

/**
 * Endpoint `Links` for one network: `container:alias` for every linked
 * service that joins that network too. Docker refuses a link to a container
 * outside the network, so links are put only where the two meet. The entry
 * is also what makes the alias resolve by DNS (for the linking container
 * only, as with `--link`), so the alias is not added to the linked
 * container's network aliases: that would show it to the whole network and
 * make the linked service's config, and so its containers, change whenever
 * another service adds a link to it.
 */
export function endpointLinks(stack: Stack, links: readonly ResolvedLink[], networkName: string): string[] {
  return links
    .filter((link) => joinedNetworks(stack, stackService(stack, link.service)).some((network) => network.name === networkName))
    .map((link) => `${link.container}:${link.alias}`);
}

/** `container:alias` entries for the default bridge, where the engine handles links itself. */
export function bridgeLinks(links: readonly ResolvedLink[]): string[] {
  return links.map((link) => `${link.container}:${link.alias}`);
}
