/**
 * `tsd inspect SERVICE`: tsd's own view of a service: the spec as tsd
 * resolved it from the stack, and for each container its state, health log,
 * ports, networks and mounts, and whether it still matches the stack.
 */
import type { Engine } from "../../../docker-api/engine.js";
import { LABEL_CONFIG, LABEL_CONFIG_HASH } from "../../../base/labels.js";
import type { ContainerDetails, HealthProbe } from "../../../docker-api/operations/monitoring.js";
import type { ContainerState, HealthStatus, ObservedAttachment, ObservedMount } from "../../../docker-api/types.js";
import type { Project } from "../../../project/project.js";
import { replicaOf } from "../../../base/labels.js";
import { changedFields, configHash, serviceConfig } from "../spec/config-hash.js";
import { InternalError } from "../../../base/errors.js";
import { renderStack } from "../../../stack/render.js";
import type { ComposeService } from "../../../stack/render/compose-types.js";
import { publishedAddress } from "./published-port.js";
import { containersByService, oneServiceContainer } from "./containers.js";

/** One container of the service, inspected. */
export interface ContainerInspection {
  readonly id: string;
  readonly name: string;
  readonly replica?: number;
  readonly image: string;
  readonly imageId: string;
  readonly state: ContainerState;
  readonly exitCode: number;
  readonly oomKilled: boolean;
  /** The engine's error for a container that failed to start. */
  readonly error?: string;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly restartCount: number;
  /** Entrypoint and command, as the engine runs them. */
  readonly command: readonly string[];
  readonly health: { readonly status: HealthStatus; readonly failingStreak: number; readonly log: readonly HealthProbe[] };
  /** `8080/tcp` → `127.0.0.1:49153`. */
  readonly ports: Readonly<Record<string, string>>;
  readonly networks: Readonly<Record<string, ObservedAttachment>>;
  readonly mounts: readonly ObservedMount[];
  /** Whether the container was made from the service as the stack defines it now; else the fields that differ (`tsd up` recreates it). */
  readonly config: { readonly upToDate: boolean; readonly changed: readonly string[] };
}

/** What `tsd inspect` shows. */
export interface ServiceInspection {
  readonly service: string;
  /** The service in Compose's long form, as `tsd config` renders it. */
  readonly spec: ComposeService;
  readonly containers: readonly ContainerInspection[];
}

function configComparison(details: ContainerDetails, currentConfig: unknown): ContainerInspection["config"] {
  const labels = details.container.labels;
  if (labels[LABEL_CONFIG_HASH] === configHash(currentConfig)) return { upToDate: true, changed: [] };
  const previous = labels[LABEL_CONFIG];
  return { upToDate: false, changed: previous === undefined ? [] : changedFields(JSON.parse(previous) as unknown, currentConfig) };
}

function containerInspection(details: ContainerDetails, currentConfig: unknown): ContainerInspection {
  const { container } = details;
  const replica = replicaOf(container);
  const protocols = Object.keys(container.ports).sort();
  return {
    id: container.id,
    name: container.name,
    ...(replica !== undefined ? { replica } : {}),
    image: container.image,
    imageId: container.imageId,
    state: container.state,
    exitCode: container.exitCode,
    oomKilled: details.oomKilled,
    ...(details.error !== "" ? { error: details.error } : {}),
    createdAt: details.createdAt,
    ...(container.startedAt !== undefined ? { startedAt: container.startedAt } : {}),
    ...(container.finishedAt !== undefined ? { finishedAt: container.finishedAt } : {}),
    restartCount: container.restartCount ?? 0,
    command: [details.path, ...details.args].filter((part) => part !== ""),
    health: { status: container.health, failingStreak: details.failingStreak, log: details.healthLog },
    ports: Object.fromEntries(
      protocols.map((key) => {
        const [port = "", protocol = "tcp"] = key.split("/");
        return [key, publishedAddress(container, Number(port), protocol as "tcp") ?? ""];
      }),
    ),
    networks: container.networks,
    mounts: container.mounts,
    config: configComparison(details, currentConfig),
  };
}

/** Inspects the service's containers (one with `index`), in replica order. */
export async function inspectService(engine: Engine, project: Project, service: string, index?: number): Promise<ServiceInspection> {
  const containers =
    index === undefined
      ? ((await containersByService(engine, project, [service]))[0]?.containers ?? [])
      : [await oneServiceContainer(engine, project, service, index)];
  const currentConfig = serviceConfig(project.stack, service);
  const inspected = await Promise.all(containers.map((container) => engine.inspectContainerDetails(container.id)));
  const spec = renderStack(project.stack).services[service];
  if (!spec) throw new InternalError(`service "${service}" is missing from the rendered stack`);
  return {
    service,
    spec,
    containers: inspected.flatMap((details) => (details ? [containerInspection(details, currentConfig)] : [])),
  };
}
