/**
 * A data container (tsd's addition) → the engine's ContainerSpec.
 */
import type { ContainerSpec } from "../../../docker-api/types.js";
import type { Stack } from "../../../stack/model.js";
import { dataContainerConfig } from "./config-hash.js";
import { containerLabels } from "./container-labels.js";
import { defaultHostSpec } from "./host-config.js";
import { mountSpecs } from "./mounts.js";
import { dataContainerName, stackDataContainer } from "../../../stack/names.js";
import type { ContainerSpecOptions } from "./service-spec.js";

/**
 * The command of a data container written without one. tsd never starts
 * such a container (it only holds volumes), but the engine refuses to create
 * a container with neither a command nor an image CMD ("No command
 * specified"), which a user could not act on. `true` exits 0 at once should
 * anyone start it by hand; it is not part of the config hash, so existing
 * data containers are not recreated for it.
 */
export const NEVER_STARTED_COMMAND: readonly string[] = ["true"];

/**
 * The spec of data container `key`: its image, mounts and command, nothing
 * else. Restart `no`: its command (if any) seeds the volumes once and exits.
 * Network mode `none`: it only holds volumes, so it needs no network, gets
 * no DNS name other containers could stumble on, and never keeps a project
 * network from being removed while it (and its data) stays around.
 * `options.anonymousVolumes` re-mounts the volumes of the container it
 * replaces, which for a data container are the whole point.
 */
export function dataContainerSpec(stack: Stack, key: string, options: ContainerSpecOptions = {}): ContainerSpec {
  const dataContainer = stackDataContainer(stack, key);
  return {
    name: dataContainerName(stack, key),
    image: dataContainer.image,
    labels: containerLabels(stack, dataContainer.labels, { kind: "data-container", key, config: dataContainerConfig(stack, key), version: options.version }),
    env: [],
    cmd: dataContainer.command ?? NEVER_STARTED_COMMAND,
    tty: false,
    openStdin: false,
    exposedPorts: [],
    host: defaultHostSpec({ mounts: mountSpecs(stack, dataContainer.volumes, options.anonymousVolumes), networkMode: "none" }),
    networks: [],
  };
}
