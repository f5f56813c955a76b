/**
 * One replica of a service → the engine's ContainerSpec. Pure: the same
 * stack, replica and options always give the same spec.
 */
import type { ContainerSpec, HealthcheckSpec } from "../../../docker-api/types.js";
import type { Healthcheck, Service, Stack } from "../../../stack/model.js";
import { serviceConfig } from "./config-hash.js";
import { containerLabels } from "./container-labels.js";
import { hostSettings } from "./host-config.js";
import { liveSettingsHash } from "./live-settings.js";
import { bridgeLinks, endpointLinks, linkEnvironment, resolvedLinks } from "./links.js";
import { type AnonymousVolumes, type EnvironmentLookup, fileReferenceFiles, fileReferenceMounts, mountSpecs, volumesFromSpecs } from "./mounts.js";
import { serviceContainerName, serviceImage, stackService } from "../../../stack/names.js";
import { networkAttachments, networkMode } from "./networks.js";
import { portSpecs } from "./ports.js";

/** What the planner knows beyond the stack. */
export interface ContainerSpecOptions {
  /** Container target path → existing anonymous volume to re-mount there (a recreate keeps the data). */
  readonly anonymousVolumes?: AnonymousVolumes;
  /** tsd's version, for the version label. */
  readonly version?: string;
  /** Where `environment:` secrets and configs are read (default: tsd's own environment). */
  readonly environment?: EnvironmentLookup;
}

const NANOSECONDS_PER_MILLISECOND = 1_000_000;

const readProcessEnvironment: EnvironmentLookup = (name) => process.env[name];

/** Docker's health check: nanoseconds; a disabled check is `["NONE"]` and nothing else. */
export function healthcheckSpec(healthcheck: Healthcheck): HealthcheckSpec {
  if (healthcheck.disable) return { test: ["NONE"] };
  const nanoseconds = (milliseconds: number | undefined): number | undefined =>
    milliseconds === undefined ? undefined : milliseconds * NANOSECONDS_PER_MILLISECOND;
  return {
    test: healthcheck.test,
    intervalNs: nanoseconds(healthcheck.interval),
    timeoutNs: nanoseconds(healthcheck.timeout),
    startPeriodNs: nanoseconds(healthcheck.startPeriod),
    startIntervalNs: nanoseconds(healthcheck.startInterval),
    retries: healthcheck.retries,
  };
}

/**
 * `KEY=VALUE` entries: link variables first, then the service's own, which
 * win on a clash. A `null` value (declared, but not set where tsd ran) is
 * left out, as Compose does, so the image's default stays in effect.
 */
function environmentEntries(service: Service, linkVariables: readonly string[]): string[] {
  const own = Object.entries(service.environment).flatMap(([key, value]) => (value === null ? [] : [`${key}=${value}`]));
  const declared = new Set(Object.keys(service.environment));
  return [...linkVariables.filter((entry) => !declared.has(entry.slice(0, entry.indexOf("=")))), ...own];
}

/** Docker's stop timeout is whole seconds; rounding up never cuts a grace period short. */
function stopTimeoutSeconds(milliseconds: number | undefined): number | undefined {
  return milliseconds === undefined ? undefined : Math.ceil(milliseconds / 1000);
}

/**
 * The spec of replica `replica` (from 1) of service `serviceKey`: every
 * field of the service that Docker can express. See the sibling modules for
 * ports, mounts, networks, links and the HostConfig settings.
 */
export function serviceContainerSpec(stack: Stack, serviceKey: string, replica: number, options: ContainerSpecOptions = {}): ContainerSpec {
  const service = stackService(stack, serviceKey);
  const name = serviceContainerName(stack, serviceKey, replica);
  const links = resolvedLinks(stack, service);
  const mode = networkMode(stack, service);
  // On the default bridge the engine implements links, variables included; elsewhere tsd does.
  const onBridge = mode === "bridge";
  const { exposedPorts, portBindings } = portSpecs(service);
  return {
    name,
    image: serviceImage(stack, serviceKey),
    labels: containerLabels(stack, service.labels, { kind: "service", key: serviceKey, replica, config: serviceConfig(stack, serviceKey), version: options.version, liveSettingsHash: liveSettingsHash(service) }),
    env: environmentEntries(service, onBridge ? [] : linkEnvironment(links, name)),
    cmd: service.command,
    entrypoint: service.entrypoint,
    user: service.user,
    workingDir: service.workingDir,
    hostname: service.hostname,
    domainname: service.domainname,
    tty: service.tty,
    openStdin: service.stdinOpen,
    stopSignal: service.stopSignal,
    stopTimeoutSeconds: stopTimeoutSeconds(service.stopGracePeriod),
    exposedPorts,
    healthcheck: service.healthcheck === undefined ? undefined : healthcheckSpec(service.healthcheck),
    macAddress: service.macAddress,
    host: {
      ...hostSettings(stack, service),
      mounts: [
        ...mountSpecs(stack, service.volumes, options.anonymousVolumes),
        ...fileReferenceMounts(service.secrets, stack.secrets),
        ...fileReferenceMounts(service.configs, stack.configs),
      ],
      portBindings,
      networkMode: mode,
      volumesFrom: volumesFromSpecs(stack, service.volumesFrom),
      links: onBridge ? bridgeLinks(links) : [],
    },
    files: [
      ...fileReferenceFiles(serviceKey, "secret", service.secrets, stack.secrets, options.environment ?? readProcessEnvironment),
      ...fileReferenceFiles(serviceKey, "config", service.configs, stack.configs, options.environment ?? readProcessEnvironment),
    ],
    networks: networkAttachments(stack, service).map((attachment) => {
      const onNetwork = endpointLinks(stack, links, attachment.network);
      return onNetwork.length > 0 ? { ...attachment, links: onNetwork } : attachment;
    }),
  };
}
