/**
 * Engine names of what a stack creates, and the lookups that resolve a
 * stack reference (a service key, a volume key) to the engine object it
 * means. Container and image names follow Docker Compose v2, so a user who
 * knows `docker compose ps` recognises tsd's containers.
 */
import { InternalError } from "../base/errors.js";
import type { DataContainer, Service, Stack } from "./model.js";
import { serviceOfMode } from "./service-references.js";

/**
 * The service `serviceKey`. The loader checks every reference, so a missing
 * key here is a bug in tsd, not in the stack.
 */
export function stackService(stack: Stack, serviceKey: string): Service {
  const service = stack.services[serviceKey];
  if (!service) throw new InternalError(`service "${serviceKey}" is not in stack "${stack.name}"`);
  return service;
}

/** The data container `key` (an InternalError when absent, as for {@link stackService}). */
export function stackDataContainer(stack: Stack, key: string): DataContainer {
  const dataContainer = stack.dataContainers[key];
  if (!dataContainer) throw new InternalError(`data container "${key}" is not in stack "${stack.name}"`);
  return dataContainer;
}

/**
 * Container name of one replica: `container_name` when set, else Compose
 * v2's `<project>-<service>-<replica>` (replicas count from 1). The loader
 * allows `container_name` only with one replica; asking for another replica
 * of such a service is a bug.
 */
export function serviceContainerName(stack: Stack, serviceKey: string, replica: number): string {
  if (!Number.isInteger(replica) || replica < 1) throw new InternalError(`replica ${replica} of service "${serviceKey}": replicas count from 1`);
  const service = stackService(stack, serviceKey);
  if (service.containerName === undefined) return `${stack.name}-${serviceKey}-${replica}`;
  if (replica !== 1) throw new InternalError(`service "${serviceKey}" has container_name "${service.containerName}" and so only one replica, not ${replica}`);
  return service.containerName;
}

/**
 * Container name of a data container: `<project>-<key>`. There is only ever
 * one, so no replica suffix; the `-` separator keeps it in Compose's style.
 */
export function dataContainerName(stack: Stack, key: string): string {
  stackDataContainer(stack, key);
  return `${stack.name}-${key}`;
}

/**
 * The image a service runs: `image` when set (a build then tags that name),
 * else Compose v2's `<project>-<service>`. Image references must be lower
 * case, so the service key is lowered (project names already are).
 */
export function serviceImage(stack: Stack, serviceKey: string): string {
  const service = stackService(stack, serviceKey);
  return service.image ?? `${stack.name}-${serviceKey.toLowerCase()}`;
}

/** Engine name of the top-level network `key` (the model already resolved `name:` and externals). */
export function networkEngineName(stack: Stack, key: string): string {
  const network = stack.networks[key];
  if (!network) throw new InternalError(`network "${key}" is not in stack "${stack.name}"`);
  return network.name;
}

/** Engine name of the top-level volume `key`. */
export function volumeEngineName(stack: Stack, key: string): string {
  const volume = stack.volumes[key];
  if (!volume) throw new InternalError(`volume "${key}" is not in stack "${stack.name}"`);
  return volume.name;
}

/**
 * A namespace mode (`ipc`, `pid`, `uts`, `userns_mode`) as Docker takes it:
 * `service:x` becomes `container:<x's first replica>`, since the engine only
 * knows containers; every other form (`host`, `shareable`, `container:name`)
 * is passed on as written.
 */
export function namespaceMode(stack: Stack, mode: string | undefined): string | undefined {
  const service = serviceOfMode(mode);
  return service === undefined ? mode : `container:${serviceContainerName(stack, service, 1)}`;
}
