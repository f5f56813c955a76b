/**
 * A service's `deploy` section (and the service keys Swarm shares with it)
 * as the scheduling parts of a Swarm service spec, after docker/cli's
 * convert functions (cli/compose/convert/service.go), with one deliberate
 * difference: `restart: "no"` becomes condition `none`. docker/cli returns
 * no restart policy for it, and Swarm's default for a missing one is
 * `any`: a service the user said must not restart would restart forever.
 */
import type { Deploy, Port, Service, UpdateConfig } from "../../../stack/model.js";
import type { SwarmPlacement, SwarmPortConfig, SwarmResourceAmounts, SwarmRestartPolicy, SwarmServiceMode, SwarmTaskTemplate, SwarmUpdateConfig } from "../../../docker-api/swarm-types.js";
import { dropUndefined, nanoseconds } from "./container-spec.js";

/** docker/cli's convertDeployMode; a job runs `replicas` completions, `replicas` at a time. */
export function convertMode(service: Service): SwarmServiceMode {
  const replicas = service.replicas;
  switch (service.deploy?.mode ?? "replicated") {
    case "replicated":
      return { Replicated: { Replicas: replicas } };
    case "global":
      return { Global: {} };
    case "replicated-job":
      return { ReplicatedJob: { MaxConcurrent: replicas, TotalCompletions: replicas } };
    case "global-job":
      return { GlobalJob: {} };
  }
}

/**
 * `deploy.restart_policy`, else `restart:` when written (absent: no
 * policy, Swarm's own default `any`): `always` and `unless-stopped` become
 * `any`, `on-failure[:N]` becomes `on-failure` with N attempts, and `no`
 * becomes `none` (docker/cli would leave it to Swarm's `any`).
 */
export function convertRestartPolicy(service: Service, restartWritten: boolean): SwarmRestartPolicy | undefined {
  const written = service.deploy?.restartPolicy;
  if (written !== undefined) {
    return dropUndefined({ Condition: written.condition ?? "any", Delay: nanoseconds(written.delayMs), MaxAttempts: written.maxAttempts, Window: nanoseconds(written.windowMs) });
  }
  if (!restartWritten) return undefined;
  switch (service.restart.policy) {
    case "no":
      return { Condition: "none" };
    case "always":
    case "unless-stopped":
      return { Condition: "any" };
    case "on-failure":
      return dropUndefined({ Condition: "on-failure" as const, MaxAttempts: service.restart.maxRetries });
  }
}

/** Limits and reservations: `deploy.resources`, else the service keys merged into the model (`cpus`, `mem_limit`, `pids_limit`…). */
export function convertResources(service: Service): SwarmTaskTemplate["Resources"] {
  const written = service.deploy?.resources;
  const resources = service.resources;
  const limits = dropUndefined<SwarmResourceAmounts>({
    NanoCPUs: cpus(written?.limits?.cpus ?? resources.cpus),
    MemoryBytes: written?.limits?.memoryBytes ?? resources.memLimit,
    Pids: written?.limits?.pids ?? resources.pidsLimit,
  });
  const reservations = dropUndefined<SwarmResourceAmounts>({
    NanoCPUs: cpus(written?.reservations?.cpus ?? resources.cpusReservation),
    MemoryBytes: written?.reservations?.memoryBytes ?? resources.memReservation,
    GenericResources: written?.reservations?.genericResources,
  });
  const result = dropUndefined({ Limits: Object.keys(limits).length > 0 ? limits : undefined, Reservations: Object.keys(reservations).length > 0 ? reservations : undefined });
  return Object.keys(result).length > 0 ? result : undefined;
}

function cpus(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value * 1e9);
}

/** Constraints, spread preferences and max replicas per node. */
export function convertPlacement(deploy: Deploy | undefined): SwarmPlacement | undefined {
  const placement = deploy?.placement;
  if (placement === undefined) return undefined;
  const result = dropUndefined<SwarmPlacement>({
    Constraints: placement.constraints,
    Preferences: placement.preferences?.map((preference) => ({ Spread: { SpreadDescriptor: preference.spread } })),
    MaxReplicas: placement.maxReplicasPerNode,
  });
  return Object.keys(result).length > 0 ? result : undefined;
}

/** docker/cli's convertUpdateConfig: an unset parallelism is 1 (a written 0 means all at once). */
export function convertUpdateConfig(config: UpdateConfig | undefined): SwarmUpdateConfig | undefined {
  if (config === undefined) return undefined;
  return dropUndefined({
    Parallelism: config.parallelism ?? 1,
    Delay: nanoseconds(config.delayMs),
    FailureAction: config.failureAction,
    Monitor: nanoseconds(config.monitorMs),
    MaxFailureRatio: config.maxFailureRatio,
    Order: config.order,
  });
}

/** docker/cli's convertEndpointSpec: ports sorted by published port, `ingress` unless `mode: host`. */
export function convertPorts(ports: readonly Port[]): SwarmPortConfig[] {
  return ports
    .map((port) =>
      dropUndefined<SwarmPortConfig>({
        Name: port.name,
        Protocol: port.protocol,
        TargetPort: port.target,
        PublishedPort: port.published?.start,
        PublishMode: port.mode,
      }),
    )
    .sort((a, b) => (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0) || a.TargetPort - b.TargetPort);
}
