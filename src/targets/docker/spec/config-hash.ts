/**
 * What defines a container, for deciding whether an existing one still fits
 * the stack. The config is stored on the container in two labels: its hash
 * (compared on every run; a different hash means recreate) and its compact
 * canonical JSON (parsed back by {@link changedFields} to say which fields
 * changed). A service's config JSON is typically well under a few KB, which
 * Docker labels carry without trouble.
 *
 * The hash covers only what needs a new container. What the engine changes
 * on a live container (restart policy and the limits of
 * {@link LIVE_RESOURCE_FIELDS}) and the container's name are left out: the
 * planner compares those with the container itself (its inspected
 * HostConfig and name), so an in-place update or rename, which cannot
 * rewrite labels, leaves a container whose labels still match the file.
 */
import type { FileObject, FileReference, Mount, Service, Stack } from "../../../stack/model.js";
import { canonicalValue } from "./canonical-json.js";
import { resolvedLinks } from "./links.js";
import { volumesFromContainer } from "./mounts.js";
import { namespaceMode, stackDataContainer, stackService, serviceImage, volumeEngineName } from "../../../stack/names.js";
import { joinedNetworks, networkMode } from "./networks.js";

export { canonicalJson, changedFields, configHash, hashOfCanonicalJson } from "./canonical-json.js";

/** A config: canonical JSON-ready fields, keys sorted at every level. */
export type ContainerConfig = Readonly<Record<string, unknown>>;

/**
 * Service fields that must not force a recreate: how many containers run
 * (`replicas`), start order (`depends_on`), how the image is made (`build`,
 * `pull_policy`: a new image is noticed by its ID, not by its recipe),
 * selection (`profiles`), the dev loop (`develop`), tsd's own settings
 * (`x-*`), where the environment was read from (`env_file` paths; the
 * resolved values are in `environment`), and Swarm-only `deploy` (its
 * resources are already merged into `resources`).
 */
const NOT_IN_CONFIG: ReadonlySet<keyof Service> = new Set<keyof Service>([
  "replicas",
  "dependsOn",
  "build",
  "pullPolicy",
  "profiles",
  "develop",
  "extensions",
  "envFiles",
  "deploy",
  // Which logs attached `up` follows.
  "attach",
  // Changed in place (see live-settings.ts): compared with the container, not hashed.
  "restart",
  "containerName",
]);

/** Resource fields the engine's update endpoint changes live; compared with the inspected HostConfig instead of hashed. */
export const LIVE_RESOURCE_FIELDS = ["memLimit", "memReservation", "memswapLimit", "cpus", "cpuShares", "cpuset", "pidsLimit"] as const;

/** A named volume mount by its engine name: renaming the key alone changes nothing in the engine. */
function resolvedMount(stack: Stack, mount: Mount): Mount {
  return mount.type === "volume" && mount.source !== undefined ? { ...mount, source: volumeEngineName(stack, mount.source) } : mount;
}

/** A secret or config with what it is backed by (a different file means a different bind mount). */
function resolvedFileReferences(references: readonly FileReference[], objects: Readonly<Record<string, FileObject>>): unknown[] {
  return references.map((reference) => {
    const object = objects[reference.source];
    return { ...reference, file: object?.file, environment: object?.environment, content: object?.content, external: object?.external };
  });
}

/**
 * The canonical fields of a service that define its containers (computed
 * once per stack and service: see {@link serviceConfigs}), with every
 * reference resolved to what the engine sees: the image reference, volume and
 * network engine names (networks keyed by engine name), the containers that
 * `volumes_from`, `links`, `network_mode` and the namespace modes point at,
 * and the ports of linked services (they are baked into link variables).
 * Replica number and re-mounted anonymous volumes are not part of it: every
 * replica of a service has the same config.
 */
export function serviceConfig(stack: Stack, serviceKey: string): ContainerConfig {
  let byService = serviceConfigs.get(stack);
  if (!byService) serviceConfigs.set(stack, (byService = new Map()));
  const known = byService.get(serviceKey);
  if (known) return known;
  const config = Object.freeze(computeServiceConfig(stack, serviceKey));
  byService.set(serviceKey, config);
  return config;
}

/**
 * Each service's config, per loaded stack: a Stack is never changed once
 * loaded (a reload is a new object), and one `up` asks for every service's
 * config several times (each replica's spec, the spec again with its
 * anonymous volumes, the labels). At N=100 building them again was a third
 * of a no-op's CPU, most of it garbage collection.
 */
const serviceConfigs = new WeakMap<Stack, Map<string, ContainerConfig>>();

function computeServiceConfig(stack: Stack, serviceKey: string): ContainerConfig {
  const service = stackService(stack, serviceKey);
  const kept = Object.fromEntries(Object.entries(service).filter(([field]) => !NOT_IN_CONFIG.has(field as keyof Service)));
  // Reserved CPUs only inform Swarm's scheduler; on one engine they change nothing.
  const live: ReadonlySet<string> = new Set<string>([...LIVE_RESOURCE_FIELDS, "cpusReservation"]);
  const resources = Object.fromEntries(Object.entries(service.resources).filter(([field]) => !live.has(field)));
  const config = {
    ...kept,
    image: serviceImage(stack, serviceKey),
    resources,
    volumes: service.volumes.map((mount) => resolvedMount(stack, mount)),
    volumesFrom: service.volumesFrom.map((entry) => ({ ...entry, container: volumesFromContainer(stack, entry) })),
    links: resolvedLinks(stack, service),
    networkMode: networkMode(stack, service),
    networks: Object.fromEntries(joinedNetworks(stack, service).map(({ name, settings }) => [name, settings])),
    ipc: namespaceMode(stack, service.ipc),
    pid: namespaceMode(stack, service.pid),
    uts: namespaceMode(stack, service.uts),
    usernsMode: namespaceMode(stack, service.usernsMode),
    secrets: resolvedFileReferences(service.secrets, stack.secrets),
    configs: resolvedFileReferences(service.configs, stack.configs),
  };
  return canonicalValue(config) as ContainerConfig;
}

/** The config of a data container: everything it has (image, mounts resolved as for services, command, labels). */
export function dataContainerConfig(stack: Stack, key: string): ContainerConfig {
  const dataContainer = stackDataContainer(stack, key);
  return canonicalValue({ ...dataContainer, volumes: dataContainer.volumes.map((mount) => resolvedMount(stack, mount)) }) as ContainerConfig;
}
