/**
 * The `up` plan's first layer: networks, volumes and images the containers
 * need. Returns, per resource, the id of the node that makes it exist (or
 * nothing when it already does), so container nodes can wait for them.
 */
import { LABEL_PROJECT, LABEL_PROJECT_DIR, LABEL_PROJECT_ID, LABEL_RESOURCE, LABEL_VERSION, COMPOSE_LABEL_NETWORK, COMPOSE_LABEL_PROJECT, COMPOSE_LABEL_VOLUME } from "../../../base/labels.js";
import type { BuildSpec, NetworkSpec, VolumeSpec } from "../../../docker-api/types.js";
import { UsageError } from "../../../base/errors.js";
import type { Network, Service, Stack, Volume } from "../../../stack/model.js";
import type { BuildMode } from "../../target.js";
import type { ObservedState } from "../observe.js";
import { serviceImage } from "../../../stack/names.js";
import type { PlanBuilder } from "../../../plan/builder.js";
import type { DockerOperation } from "../operations.js";


/** Node ids that make each resource exist, by stack key (networks, volumes) or image reference. */
export interface ResourceNodes {
  readonly networks: Readonly<Record<string, string | undefined>>;
  readonly volumes: Readonly<Record<string, string | undefined>>;
  readonly images: Readonly<Record<string, string | undefined>>;
}

/** Plans networks, volumes and images for the given services and data containers. */
export function planResources(
  builder: PlanBuilder<DockerOperation>,
  stack: Stack,
  observed: ObservedState,
  services: readonly string[],
  dataContainers: readonly string[],
  build: BuildMode,
  version: string,
): ResourceNodes {
  const networks: Record<string, string | undefined> = {};
  for (const network of Object.values(stack.networks)) networks[network.key] = planNetwork(builder, stack, observed, network, version);
  const volumes: Record<string, string | undefined> = {};
  for (const volume of Object.values(stack.volumes)) volumes[volume.key] = planVolume(builder, stack, observed, volume, version);
  const images: Record<string, string | undefined> = {};
  for (const key of services) {
    const service = stack.services[key] as Service;
    const reference = serviceImage(stack, key);
    if (reference in images) continue;
    images[reference] = planServiceImage(builder, stack, observed, service, reference, build);
  }
  for (const key of dataContainers) {
    const reference = stack.dataContainers[key]?.image as string;
    if (reference in images) continue;
    images[reference] = observed.images[reference] ? undefined : builder.add({ kind: "pull-image", reference }, { kind: "image", key: reference }, "not found locally");
  }
  return { networks, volumes, images };
}

function projectLabels(stack: Stack, key: string, version: string): Record<string, string> {
  return {
    [LABEL_PROJECT]: stack.name,
    [LABEL_PROJECT_ID]: stack.projectId,
    [LABEL_PROJECT_DIR]: stack.projectDir,
    [LABEL_RESOURCE]: key,
    [LABEL_VERSION]: version,
    [COMPOSE_LABEL_PROJECT]: stack.name,
  };
}

function planNetwork(builder: PlanBuilder<DockerOperation>, stack: Stack, observed: ObservedState, network: Network, version: string): string | undefined {
  const existing = observed.networks[network.name];
  if (network.external) {
    if (!existing) throw new UsageError(`network "${network.name}" is declared external but does not exist`, `create it first: docker network create ${network.name}`);
    return undefined;
  }
  if (existing) {
    if (existing.labels[LABEL_PROJECT_ID] === stack.projectId && existing.internal !== network.internal) {
      throw new UsageError(
        `network "${network.name}" exists with internal: ${existing.internal}, the stack says internal: ${network.internal}`,
        "run `tsd down` to remove the project's network, then `tsd up` again",
      );
    }
    return undefined;
  }
  const spec: NetworkSpec = {
    name: network.name,
    ...(network.driver ? { driver: network.driver } : {}),
    driverOpts: network.driverOpts,
    internal: network.internal,
    attachable: network.attachable,
    ...(network.enableIpv6 !== undefined ? { enableIpv6: network.enableIpv6 } : {}),
    labels: { ...network.labels, ...projectLabels(stack, network.key, version), [COMPOSE_LABEL_NETWORK]: network.key },
    ...(network.ipam
      ? {
          ipam: {
            ...(network.ipam.driver ? { driver: network.ipam.driver } : {}),
            options: network.ipam.options,
            config: network.ipam.config.map((pool) => ({
              ...(pool.subnet ? { subnet: pool.subnet } : {}),
              ...(pool.ipRange ? { ipRange: pool.ipRange } : {}),
              ...(pool.gateway ? { gateway: pool.gateway } : {}),
              auxAddresses: pool.auxAddresses,
            })),
          },
        }
      : {}),
  };
  return builder.add({ kind: "create-network", spec }, { kind: "network", key: network.key }, "not found");
}

function planVolume(builder: PlanBuilder<DockerOperation>, stack: Stack, observed: ObservedState, volume: Volume, version: string): string | undefined {
  const existing = observed.volumes[volume.name];
  if (volume.external) {
    if (!existing) throw new UsageError(`volume "${volume.name}" is declared external but does not exist`, `create it first: docker volume create ${volume.name}`);
    return undefined;
  }
  if (existing) return undefined;
  const spec: VolumeSpec = {
    name: volume.name,
    ...(volume.driver ? { driver: volume.driver } : {}),
    driverOpts: volume.driverOpts,
    labels: { ...volume.labels, ...projectLabels(stack, volume.key, version), [COMPOSE_LABEL_VOLUME]: volume.key },
  };
  return builder.add({ kind: "create-volume", spec }, { kind: "volume", key: volume.key }, "not found");
}

function planServiceImage(
  builder: PlanBuilder<DockerOperation>,
  stack: Stack,
  observed: ObservedState,
  service: Service,
  reference: string,
  build: BuildMode,
): string | undefined {
  const present = observed.images[reference] !== undefined;
  const subject = { kind: "image", key: reference } as const;
  if (service.build && build !== "never" && (build === "always" || !present || service.pullPolicy === "build")) {
    const cause = build === "always" ? "--build" : present ? "pull_policy: build" : "not found locally";
    return builder.add({ kind: "build-image", service: service.name, spec: buildSpec(stack, service, reference) }, subject, cause);
  }
  if (present && service.pullPolicy !== "always") return undefined;
  if (!present && service.build) {
    throw new UsageError(`image "${reference}" of service "${service.name}" is not built yet and --no-build was given`);
  }
  if (!present && service.pullPolicy === "never") {
    throw new UsageError(`image "${reference}" of service "${service.name}" is not present and its pull_policy is never`);
  }
  return builder.add({ kind: "pull-image", reference }, subject, present ? "pull_policy: always" : "not found locally");
}

/** The engine build request for a service's `build:` section. */
export function buildSpec(stack: Stack, service: Service, reference: string): BuildSpec {
  const build = service.build;
  if (!build) throw new UsageError(`service "${service.name}" has no build section`);
  return {
    context: build.context,
    dockerfile: build.dockerfile ?? "Dockerfile",
    ...(build.dockerfileInline !== undefined ? { dockerfileInline: build.dockerfileInline } : {}),
    tags: [reference, ...build.tags.filter((tag) => tag !== reference)],
    args: Object.fromEntries(Object.entries(build.args).filter((entry): entry is [string, string] => entry[1] !== null)),
    ...(build.target ? { target: build.target } : {}),
    labels: { ...build.labels, [LABEL_PROJECT]: stack.name },
    noCache: build.noCache,
    pull: build.pull,
    ...(build.network ? { network: build.network } : {}),
    extraHosts: build.extraHosts.map((host) => `${host.host}:${host.ip}`),
    cacheFrom: build.cacheFrom,
    ...(build.shmSize !== undefined ? { shmSizeBytes: build.shmSize } : {}),
    ...(service.platform ? { platform: service.platform } : {}),
  };
}
