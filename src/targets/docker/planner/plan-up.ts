/**
 * `tsd up`'s planner: desired stack + observed engine state → plan. Pure: no
 * I/O, deterministic, every node with its cause.
 */
import type { StackGraph } from "../../../graph/model.js";
import { LABEL_CONFIG, LABEL_CONFIG_HASH } from "../../../base/labels.js";
import type { ContainerSpec, ObservedContainer } from "../../../docker-api/types.js";
import { addInPlaceNodes, decideInPlace, type InPlaceChanges } from "./in-place.js";
import { InternalError, UsageError } from "../../../base/errors.js";
import type { Service, Stack } from "../../../stack/model.js";
import type { ObservedState } from "../observe.js";
import { dataContainerSpec } from "../spec/data-container-spec.js";
import { serviceImage } from "../../../stack/names.js";
import { serviceContainerSpec } from "../spec/service-spec.js";
import { type ContainerDecision, decideContainer } from "./container-decision.js";
import { refuseDroppedDataVolumes } from "./data-volumes.js";
import { replicaOf } from "../../../base/labels.js";
import { anonymousVolumesOf, findContainers, planOrphans } from "./observed-containers.js";
import type { PlanBuilder } from "../../../plan/builder.js";
import { type DockerOperation, type DockerPlan, dockerPlanBuilder } from "../operations.js";
import type { UpPlanOptions } from "../../target.js";
import { type ResourceNodes, planResources } from "./plan-resources.js";
import { convergedUnits, type Unit, sharedDependencies } from "./units.js";


/** What the plan does to each unit's containers, for its dependents. */
interface UnitNodes {
  /** Node ids after which the unit's containers are ready (started, run, or created). */
  readonly ready: string[];
  /** Container names. */
  readonly names: string[];
  recreated: boolean;
  /** Whether any container of the unit is (re)started in this plan. */
  started: boolean;
}

/** Plans `tsd up`. Throws UsageError for states it cannot converge from (foreign project, missing external resources). */
export function planUp(stack: Stack, graph: StackGraph, observed: ObservedState, options: UpPlanOptions): DockerPlan {
  if (observed.foreignDirectories.length > 0) {
    throw new UsageError(
      `project "${stack.name}" on this engine belongs to another folder (${observed.foreignDirectories.join(", ")}); tsd will not touch it`,
      `pick another project name with -p, or run tsd down in that folder`,
    );
  }
  for (const key of Object.keys(options.scale)) {
    if (!stack.services[key]) throw new UsageError(`--scale names "${key}", which is not a service of this stack`);
  }
  const builder = dockerPlanBuilder();
  const units = convergedUnits(stack, graph, options.services);
  const serviceKeys = units.filter((unit) => unit.kind === "service").map((unit) => unit.key);
  const dataKeys = units.filter((unit) => unit.kind === "dataContainer").map((unit) => unit.key);
  const resources = planResources(builder, stack, observed, serviceKeys, dataKeys, options.build, options.version);
  const done = new Map<string, UnitNodes>();
  for (const unit of units) {
    const nodes = unit.kind === "dataContainer"
      ? planDataContainer(builder, stack, observed, unit.key, resources, options)
      : planService(builder, stack, graph, observed, unit.key, resources, done, options);
    done.set(unitId(unit), nodes);
  }
  planOrphans(builder, stack, observed, options.removeOrphans);
  return builder.build();
}

function unitId(unit: Unit): string {
  return `${unit.kind}:${unit.key}`;
}

function planDataContainer(
  builder: PlanBuilder<DockerOperation>,
  stack: Stack,
  observed: ObservedState,
  key: string,
  resources: ResourceNodes,
  options: UpPlanOptions,
): UnitNodes {
  const dataContainer = stack.dataContainers[key];
  if (!dataContainer) throw new UsageError(`no data container "${key}"`);
  const spec = dataContainerSpec(stack, key, { version: options.version });
  const existing = findContainers(observed, "data-container", key)[0];
  const decision = decideContainer(existing, spec.labels[LABEL_CONFIG_HASH] ?? "", spec.labels[LABEL_CONFIG] ?? "{}", {
    forceRecreate: options.forceRecreate,
    noRecreate: options.noRecreate,
    completesOnce: true,
  });
  const subject = { kind: "data-container", key } as const;
  const waitFor = [
    resources.images[dataContainer.image],
    ...dataContainer.volumes.flatMap((mount) => (mount.type === "volume" && mount.source ? [resources.volumes[mount.source]] : [])),
  ];
  const nodes: UnitNodes = { ready: [], names: [spec.name], recreated: false, started: false };
  const hasCommand = dataContainer.command !== undefined;
  if (decision.action === "keep") return nodes;
  if (decision.action === "start" && options.noStart) return nodes;
  if (decision.action === "start") {
    // A data container without a command is only ever created; one whose seed failed runs again.
    if (!hasCommand) return nodes;
    nodes.ready.push(builder.add({ kind: "run-data-container", name: spec.name }, subject, decision.cause, waitFor));
    nodes.started = true;
    return nodes;
  }
  // Data containers' anonymous volumes are their whole point: a recreate always keeps them.
  if (existing && decision.action === "recreate") refuseDroppedDataVolumes(key, existing, dataContainer);
  const finalSpec = existing ? dataContainerSpec(stack, key, { version: options.version, anonymousVolumes: anonymousVolumesOf(existing) }) : spec;
  const created = placeContainer(builder, subject, finalSpec, existing, decision, waitFor);
  nodes.recreated = decision.action === "recreate";
  if (hasCommand && !options.noStart) {
    nodes.ready.push(builder.add({ kind: "run-data-container", name: spec.name }, subject, "seed", [created]));
    nodes.started = true;
  } else {
    nodes.ready.push(created);
  }
  return nodes;
}

/** What every replica of one service is planned with. */
interface ServicePlanContext {
  readonly builder: PlanBuilder<DockerOperation>;
  readonly stack: Stack;
  readonly observed: ObservedState;
  readonly key: string;
  readonly service: Service;
  readonly options: UpPlanOptions;
  readonly subject: { readonly kind: "service"; readonly key: string };
  readonly reference: string;
  readonly imageNode: string | undefined;
  /** What a create waits for: the image, networks, volumes, and the containers it shares with. */
  readonly waitFor: readonly (string | undefined)[];
  /** A dependency it shares a namespace or volumes with was recreated: so must it be. */
  readonly sharedRecreated?: { readonly unit: string; readonly edge: string };
  /** A `restart: true` dependency that is recreated. */
  readonly restartWith?: string;
}

function servicePlanContext(builder: PlanBuilder<DockerOperation>, stack: Stack, graph: StackGraph, observed: ObservedState, key: string, resources: ResourceNodes, done: Map<string, UnitNodes>, options: UpPlanOptions): ServicePlanContext {
  const service = stack.services[key];
  if (!service) throw new UsageError(`no service "${key}"`);
  const reference = serviceImage(stack, key);
  const shared = sharedDependencies(graph, key);
  // Links only need the target up; a shared namespace or volumes must follow the target's recreate.
  const sharedRecreated = shared.find((dependency) => dependency.edge !== "link" && done.get(dependency.unit)?.recreated);
  const restartWith = Object.entries(service.dependsOn).find(([dependency, entry]) => entry.restart && done.get(`service:${dependency}`)?.recreated)?.[0];
  const waitFor = [
    resources.images[reference],
    ...Object.keys(service.networks).map((network) => resources.networks[network]),
    ...service.volumes.flatMap((mount) => (mount.type === "volume" && mount.source ? [resources.volumes[mount.source]] : [])),
    ...shared.flatMap((dependency) => done.get(dependency.unit)?.ready ?? []),
  ];
  return {
    builder, stack, observed, key, service, options, reference, waitFor,
    subject: { kind: "service", key },
    imageNode: resources.images[reference],
    ...(sharedRecreated ? { sharedRecreated } : {}),
    ...(restartWith !== undefined ? { restartWith } : {}),
  };
}

function planService(
  builder: PlanBuilder<DockerOperation>,
  stack: Stack,
  graph: StackGraph,
  observed: ObservedState,
  key: string,
  resources: ResourceNodes,
  done: Map<string, UnitNodes>,
  options: UpPlanOptions,
): UnitNodes {
  const context = servicePlanContext(builder, stack, graph, observed, key, resources, done, options);
  const replicas = options.scale[key] ?? context.service.replicas;
  const existing = findContainers(observed, "service", key);
  const nodes: UnitNodes = { ready: [], names: [], recreated: false, started: false };
  const startNodes: string[] = [];
  for (let replica = 1; replica <= replicas; replica++) {
    const planned = planReplica(context, replica, existing.find((container) => replicaOf(container) === replica));
    nodes.names.push(planned.name);
    nodes.recreated ||= planned.recreated;
    if (planned.created !== undefined) nodes.ready.push(planned.created);
    if (planned.start !== undefined) startNodes.push(planned.start);
  }
  for (const extra of existing.filter((container) => (replicaOf(container) ?? 0) > replicas)) {
    const cause = `scale ${existing.length} → ${replicas}`;
    const stop = builder.add({ kind: "stop-container", name: extra.name }, context.subject, cause);
    builder.add({ kind: "remove-container", name: extra.name, removeVolumes: false }, context.subject, cause, [stop]);
  }
  if (startNodes.length > 0) {
    nodes.started = true;
    const awaits = planAwaits(builder, stack, key, done);
    for (const start of startNodes) builder.addAfter(start, awaits);
  }
  nodes.ready.push(...startNodes);
  return nodes;
}

/** What the plan does to one replica: its name, whether it is recreated, its create node (without starts) and its start node. */
interface ReplicaNodes {
  readonly name: string;
  readonly recreated: boolean;
  readonly created?: string;
  readonly start?: string;
}

/** Plans one replica: keep (or restart with a `restart: true` dependency), change in place, start, create or recreate. */
function planReplica(context: ServicePlanContext, replica: number, current: ObservedContainer | undefined): ReplicaNodes {
  const { builder, stack, observed, key, options, subject, waitFor } = context;
  const spec = serviceContainerSpec(stack, key, replica, { version: options.version });
  const image = observed.images[context.reference];
  const base = decideContainer(current, spec.labels[LABEL_CONFIG_HASH] ?? "", spec.labels[LABEL_CONFIG] ?? "{}", {
    forceRecreate: options.forceRecreate,
    noRecreate: options.noRecreate,
    ...(image ? { currentImageId: image.id } : {}),
    ...(context.imageNode?.startsWith("build-image:") && current ? { imageRefreshed: "image rebuilt" } : {}),
    ...(context.sharedRecreated ? { sharedRecreated: `${context.sharedRecreated.unit.replace(/^\w+:/, "")} recreated (${context.sharedRecreated.edge})` } : {}),
    completesOnce: context.service.restart.policy === "no",
  });
  const changes = decideInPlace(base, current, context.service, spec.name, options.noRecreate);
  const { decision } = changes;
  const inherit = current && !options.renewAnonVolumes ? anonymousVolumesOf(current) : undefined;
  const finalSpec = inherit ? serviceContainerSpec(stack, key, replica, { version: options.version, anonymousVolumes: inherit }) : spec;
  if (decision.action === "keep" || decision.action === "start") {
    if (!current) throw new InternalError(`planner: ${spec.name} kept without a container`);
    return planKeptReplica(context, current, decision, changes, finalSpec);
  }
  const created = placeContainer(builder, subject, finalSpec, current, decision, waitFor);
  const recreated = decision.action === "recreate";
  // Created is as ready as a dependent gets without starts (network_mode: service:x needs x to exist).
  if (options.noStart) return { name: spec.name, recreated, created };
  return { name: spec.name, recreated, start: builder.add({ kind: "start-container", name: spec.name }, subject, decision.cause, [created]) };
}

/** A replica that stays: changed in place if needed, then restarted with a `restart: true` dependency, or started. */
function planKeptReplica(context: ServicePlanContext, current: ObservedContainer, decision: Extract<ContainerDecision, { action: "keep" | "start" }>, changes: InPlaceChanges, spec: ContainerSpec): ReplicaNodes {
  const { builder, options, subject, waitFor } = context;
  const running = current.state === "running" || current.state === "restarting" || current.state === "paused";
  // A refused update recreates; the new container is started only if the old one ran and nothing else starts it.
  const inPlace = addInPlaceNodes(builder, subject, current, changes, { spec, start: decision.action === "keep" && running && !options.noStart });
  const keep = { name: spec.name, recreated: false, ...(inPlace ? { created: inPlace } : {}) };
  if (decision.action === "keep") {
    // Nothing starts under noStart, so there is nothing to restart either.
    if (!context.restartWith || options.noStart) return keep;
    const cause = `${context.restartWith} recreated (depends_on restart: true)`;
    const stop = builder.add({ kind: "stop-container", name: spec.name }, subject, cause, [inPlace]);
    return { ...keep, start: builder.add({ kind: "start-container", name: spec.name }, subject, cause, [stop]) };
  }
  return options.noStart ? keep : { ...keep, start: builder.add({ kind: "start-container", name: spec.name }, subject, decision.cause, [...waitFor, inPlace]) };
}

/** One await node per `depends_on` entry of a service that is (re)started in this plan. */
function planAwaits(builder: PlanBuilder<DockerOperation>, stack: Stack, key: string, done: Map<string, UnitNodes>): string[] {
  const service = stack.services[key];
  if (!service) return [];
  const awaits: string[] = [];
  for (const [dependency, entry] of Object.entries(service.dependsOn).sort(([a], [b]) => a.localeCompare(b))) {
    const nodes = done.get(`service:${dependency}`);
    if (!nodes) continue;
    awaits.push(
      builder.add(
        { kind: "await-condition", service: dependency, containers: nodes.names, condition: entry.condition, required: entry.required, dependent: key },
        { kind: "service", key },
        `depends_on ${dependency}`,
        nodes.ready,
      ),
    );
  }
  return awaits;
}

/**
 * Creates `spec`'s container; for a recreate, the old one is stopped and
 * renamed out of the way first and removed (without its volumes) once the
 * new one exists. Returns the create node's id.
 */
function placeContainer(
  builder: PlanBuilder<DockerOperation>,
  subject: { readonly kind: "service" | "data-container"; readonly key: string },
  spec: ContainerSpec,
  current: ObservedContainer | undefined,
  decision: ContainerDecision,
  waitFor: readonly (string | undefined)[],
): string {
  if (decision.action !== "recreate" || !current) {
    return builder.add({ kind: "create-container", spec }, subject, decision.action === "create" ? decision.cause : "not found", waitFor);
  }
  const cause = decision.cause;
  const stop = builder.add({ kind: "stop-container", name: current.name }, subject, cause, waitFor);
  const parked = `${current.id.slice(0, 12)}_${current.name}`;
  const rename = builder.add({ kind: "rename-container", name: current.name, newName: parked }, subject, cause, [stop]);
  const create = builder.add({ kind: "create-container", spec, replaces: current.id }, subject, cause, [rename]);
  builder.add({ kind: "remove-container", name: parked, removeVolumes: false }, subject, cause, [create]);
  return create;
}
