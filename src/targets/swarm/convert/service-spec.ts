/**
 * A stack's service as a Swarm service spec: the container (container-spec.ts),
 * the scheduling (deploy.ts), the networks (networks.ts), and the labels,
 * among them tsd's config hash. The hash is of the spec tsd wrote, not of
 * what the manager hands back (which it normalises), so an unchanged stack
 * compares equal and a no-op run makes no write call. A second label keeps
 * one short hash per Compose field, so an update says which fields changed.
 */
import { LABEL_CONFIG_HASH, LABEL_SERVICE } from "../../../base/labels.js";
import type { Stack } from "../../../stack/model.js";
import type { SwarmServiceSpec } from "../../../docker-api/swarm-types.js";
import { canonicalHash } from "./canonical.js";
import { convertContainerSpec, dropUndefined } from "./container-spec.js";
import { convertMode, convertPlacement, convertPorts, convertResources, convertRestartPolicy, convertUpdateConfig } from "./deploy.js";
import { LABEL_CONFIG_FIELDS, LABEL_STACK_IMAGE, projectLabels, swarmServiceName } from "./names.js";
import { convertServiceNetworks } from "./networks.js";

/** What converting one service needs besides the stack. */
export interface ConvertContext {
  readonly version: string;
  /** `secrets/<key>` and `configs/<key>` → the object's name on the swarm. */
  readonly fileNames: ReadonlyMap<string, string>;
  /** Services whose `restart:` was written (absent: Swarm's default policy). */
  readonly restartWritten: ReadonlySet<string>;
}

/** A service to deploy: the spec, and its hashes. */
export interface DesiredService {
  readonly key: string;
  readonly name: string;
  readonly spec: SwarmServiceSpec;
  readonly configHash: string;
  /** Compose field → short hash of its part of the spec. */
  readonly fieldHashes: Readonly<Record<string, string>>;
}

/** The Compose field each part of a spec comes from, for "which fields changed". */
const FIELDS: readonly [string, (spec: SwarmServiceSpec) => unknown][] = [
  ["image", (s) => s.TaskTemplate.ContainerSpec.Image],
  ["command", (s) => s.TaskTemplate.ContainerSpec.Args],
  ["entrypoint", (s) => s.TaskTemplate.ContainerSpec.Command],
  ["environment", (s) => s.TaskTemplate.ContainerSpec.Env],
  ["labels", (s) => s.TaskTemplate.ContainerSpec.Labels],
  ["deploy.labels", (s) => s.Labels],
  ["volumes", (s) => s.TaskTemplate.ContainerSpec.Mounts],
  ["healthcheck", (s) => s.TaskTemplate.ContainerSpec.HealthCheck],
  ["secrets", (s) => s.TaskTemplate.ContainerSpec.Secrets],
  ["configs", (s) => s.TaskTemplate.ContainerSpec.Configs],
  ["networks", (s) => s.TaskTemplate.Networks],
  ["logging", (s) => s.TaskTemplate.LogDriver],
  ["deploy.resources", (s) => s.TaskTemplate.Resources],
  ["deploy.restart_policy", (s) => s.TaskTemplate.RestartPolicy],
  ["deploy.placement", (s) => s.TaskTemplate.Placement],
  ["deploy.mode/replicas", (s) => s.Mode],
  ["deploy.update_config", (s) => s.UpdateConfig],
  ["deploy.rollback_config", (s) => s.RollbackConfig],
  ["ports/endpoint_mode", (s) => s.EndpointSpec],
  ["container settings", (s) => ({ ...s.TaskTemplate.ContainerSpec, Image: 0, Args: 0, Command: 0, Env: 0, Labels: 0, Mounts: 0, HealthCheck: 0, Secrets: 0, Configs: 0 })],
];

function shortHash(value: unknown): string {
  return canonicalHash(value).slice(0, 8);
}

/** `field=hash8;…`, the label's form. */
export function formatFieldHashes(hashes: Readonly<Record<string, string>>): string {
  return Object.entries(hashes).map(([field, hash]) => `${field}=${hash}`).join(";");
}

/** The label's form back into a record (an unreadable label gives an empty one). */
export function parseFieldHashes(text: string | undefined): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const pair of (text ?? "").split(";")) {
    const equals = pair.lastIndexOf("=");
    if (equals > 0) hashes[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return hashes;
}

/** The spec of `serviceKey`, without tsd's hash labels. */
function bareSpec(stack: Stack, serviceKey: string, context: ConvertContext): SwarmServiceSpec {
  const service = stack.services[serviceKey];
  if (!service) throw new Error(`service "${serviceKey}" is not in stack "${stack.name}"`);
  const image = service.image ?? `${stack.name}-${serviceKey.toLowerCase()}`;
  const ports = convertPorts(service.ports);
  const deploy = service.deploy;
  return dropUndefined({
    Name: swarmServiceName(stack, serviceKey),
    Labels: { ...(deploy?.labels ?? {}), ...projectLabels(stack, context.version), [LABEL_SERVICE]: serviceKey, [LABEL_STACK_IMAGE]: image },
    TaskTemplate: dropUndefined({
      ContainerSpec: convertContainerSpec(stack, serviceKey, service, image, context.fileNames),
      Resources: convertResources(service),
      RestartPolicy: convertRestartPolicy(service, context.restartWritten.has(serviceKey)),
      Placement: convertPlacement(deploy),
      Networks: convertServiceNetworks(stack, serviceKey, service),
      LogDriver: service.logging?.driver ? dropUndefined({ Name: service.logging.driver, Options: Object.keys(service.logging.options).length > 0 ? service.logging.options : undefined }) : undefined,
    }),
    Mode: convertMode(service),
    UpdateConfig: convertUpdateConfig(deploy?.updateConfig),
    RollbackConfig: convertUpdateConfig(deploy?.rollbackConfig),
    EndpointSpec: { Mode: deploy?.endpointMode ?? "vip", ...(ports.length > 0 ? { Ports: ports } : {}) },
  });
}

/** The desired service `serviceKey`, hashed and labelled. */
export function desiredService(stack: Stack, serviceKey: string, context: ConvertContext): DesiredService {
  const bare = bareSpec(stack, serviceKey, context);
  // The tsd version is left out of the hash: upgrading tsd must not roll every service over.
  const hashed = { ...bare, Labels: { ...bare.Labels, "dev.tsd.version": "" } };
  const configHash = canonicalHash(hashed);
  const fieldHashes = Object.fromEntries(FIELDS.map(([field, part]) => [field, shortHash(part(hashed))]));
  const container = bare.TaskTemplate.ContainerSpec;
  const spec: SwarmServiceSpec = {
    ...bare,
    Labels: { ...bare.Labels, [LABEL_CONFIG_HASH]: configHash, [LABEL_CONFIG_FIELDS]: formatFieldHashes(fieldHashes) },
    TaskTemplate: { ...bare.TaskTemplate, ContainerSpec: { ...container, Labels: { ...container.Labels, [LABEL_CONFIG_HASH]: configHash } } },
  };
  return { key: serviceKey, name: bare.Name, spec, configHash, fieldHashes };
}

/** The fields whose hashes differ between what runs and what is wanted, sorted; empty when unreadable (then: `config changed`). */
export function changedFields(observedLabel: string | undefined, desired: Readonly<Record<string, string>>): string[] {
  const observed = parseFieldHashes(observedLabel);
  if (Object.keys(observed).length === 0) return [];
  return Object.keys(desired).filter((field) => observed[field] !== desired[field]).sort();
}
