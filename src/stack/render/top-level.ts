/**
 * Top-level resources → Compose form: networks, volumes, secrets, configs and
 * tsd's data containers. Engine names are printed (`name: shop_default`), as
 * Compose does, so the output names the same resources whatever project
 * loads it.
 */
import type { DataContainer, FileObject, Ipam, Network, Volume } from "../model.js";
import type { ComposeDataContainer, ComposeFileObject, ComposeIpam, ComposeNetwork, ComposeVolume } from "./compose-types.js";
import { renderMount } from "./mounts.js";
import { nonEmpty, nonEmptyMap, onlyTrue } from "./plain.js";

/** A top-level network. */
export function renderNetwork(network: Network): ComposeNetwork {
  return {
    name: network.name,
    driver: network.driver,
    driver_opts: nonEmptyMap(network.driverOpts),
    ipam: network.ipam && renderIpam(network.ipam),
    external: onlyTrue(network.external),
    internal: onlyTrue(network.internal),
    attachable: onlyTrue(network.attachable),
    labels: nonEmptyMap(network.labels),
    enable_ipv4: network.enableIpv4,
    enable_ipv6: network.enableIpv6,
  };
}

function renderIpam(ipam: Ipam): ComposeIpam {
  return {
    driver: ipam.driver,
    config: nonEmpty(
      ipam.config.map((pool) => ({ subnet: pool.subnet, ip_range: pool.ipRange, gateway: pool.gateway, aux_addresses: nonEmptyMap(pool.auxAddresses) })),
    ),
    options: nonEmptyMap(ipam.options),
  };
}

/** A top-level volume. */
export function renderVolume(volume: Volume): ComposeVolume {
  return {
    name: volume.name,
    driver: volume.driver,
    driver_opts: nonEmptyMap(volume.driverOpts),
    external: onlyTrue(volume.external),
    labels: nonEmptyMap(volume.labels),
  };
}

/** A top-level secret or config. `driver_opts` is printed whenever the model has it, empty or not: it was written. */
export function renderFileObject(object: FileObject): ComposeFileObject {
  return {
    name: object.name,
    file: object.file,
    environment: object.environment,
    content: object.content,
    external: onlyTrue(object.external),
    labels: nonEmptyMap(object.labels),
    driver: object.driver,
    driver_opts: object.driverOpts,
    template_driver: object.templateDriver,
  };
}

/** A data container. */
export function renderDataContainer(container: DataContainer): ComposeDataContainer {
  return {
    image: container.image,
    command: container.command,
    volumes: nonEmpty(container.volumes.map(renderMount)),
    labels: nonEmptyMap(container.labels),
  };
}
