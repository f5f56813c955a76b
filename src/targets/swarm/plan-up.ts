/**
 * The plan of `up --target swarm`, pure: what the stack wants (converted
 * specs, content-named secrets and configs) against what the swarm runs of
 * the project (observed by label).
 *
 *   - a missing network, secret or config is created; a missing service is
 *     created; a service whose config hash differs is updated in place
 *     (Swarm's rolling update), the cause naming the fields that changed;
 *     a service is never removed and recreated for a change;
 *   - `depends_on` becomes a wait: the dependency converges (healthy, or
 *     completed) before its dependent is created or updated;
 *   - a secret or config no longer named by the stack (its content
 *     changed) is removed once every changed service converged;
 *   - an unchanged project plans nothing at all: no write call.
 */
import { LABEL_CONFIG_HASH, LABEL_SERVICE } from "../../base/labels.js";
import type { FileObjectKind } from "../../docker-api/swarm-engine.js";
import type { ObservedService } from "../../docker-api/swarm-types.js";
import { PlanBuilder } from "../../plan/builder.js";
import type { Stack } from "../../stack/model.js";
import type { UpPlanOptions } from "../target.js";
import { desiredFileObject, type DesiredFileObject } from "./convert/file-objects.js";
import { LABEL_CONFIG_FIELDS } from "./convert/names.js";
import { convertNetwork } from "./convert/networks.js";
import { changedFields, desiredService } from "./convert/service-spec.js";
import { describeSwarmOperation } from "./describe.js";
import type { SwarmObserved } from "./observe.js";
import type { ConvergeCondition, SwarmOperation, SwarmPlan } from "./operations.js";

/** What planning needs besides the stack and the observation. */
export interface SwarmPlanContext {
  /** Services whose `restart:` was written. */
  readonly restartWritten: ReadonlySet<string>;
}

const KIND: Readonly<Record<"secrets" | "configs", FileObjectKind>> = { secrets: "secret", configs: "config" };

/** The selected services and everything they depend on, dependencies first. */
export function withDependencies(stack: Stack, selected: readonly string[]): string[] {
  const ordered: string[] = [];
  const visit = (key: string): void => {
    if (ordered.includes(key) || !stack.services[key]) return;
    for (const dependency of Object.keys(stack.services[key].dependsOn).sort()) visit(dependency);
    ordered.push(key);
  };
  for (const key of selected.length > 0 ? selected : Object.keys(stack.services).sort()) visit(key);
  return ordered;
}

/** The plan of `up`. */
export function planSwarmUp(stack: Stack, observed: SwarmObserved, options: UpPlanOptions, context: SwarmPlanContext): SwarmPlan {
  const builder = new PlanBuilder<SwarmOperation>(describeSwarmOperation);
  const objects = observed.contents.map((content) => desiredFileObject(stack, content, options.version));
  const fileNames = new Map(objects.map((object) => [`${object.section}/${object.key}`, object.name]));
  const objectNodes = planFileObjects(builder, objects, observed);
  const networkNodes = planNetworks(builder, stack, observed, options.version);
  const services = withDependencies(stack, options.services);
  const changedNodes = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const key of services) {
    const desired = desiredService(stack, key, { version: options.version, fileNames, restartWritten: context.restartWritten });
    hashes.set(key, desired.configHash);
    const running = observed.services.find((service) => service.spec.Labels[LABEL_SERVICE] === key);
    const uses = [
      ...Object.keys(stack.services[key]?.networks ?? {}).map((network) => networkNodes.get(network)),
      ...(stack.services[key]?.secrets ?? []).map((reference) => objectNodes.get(`secrets/${reference.source}`)),
      ...(stack.services[key]?.configs ?? []).map((reference) => objectNodes.get(`configs/${reference.source}`)),
    ];
    const node = planService(builder, desired, running, options, uses);
    if (node === undefined) continue;
    changedNodes.set(key, node);
    for (const [dependency, condition] of Object.entries(stack.services[key]?.dependsOn ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      builder.addAfter(node, [waitNode(builder, stack, { key: dependency, hash: hashes.get(dependency) }, condition.condition, changedNodes.get(dependency))]);
    }
  }
  planStaleObjects(builder, stack, observed, objects, changedNodes, hashes);
  noteOrphans(builder, stack, observed.services);
  return builder.build();
}

/** A create or update of one service, or nothing when its hash matches. */
function planService(builder: PlanBuilder<SwarmOperation>, desired: ReturnType<typeof desiredService>, running: ObservedService | undefined, options: UpPlanOptions, uses: readonly (string | undefined)[]): string | undefined {
  const subject = { kind: "service", key: desired.key } as const;
  if (running === undefined) return builder.add({ kind: "create-service", service: desired }, subject, "not found", uses);
  if (running.spec.Labels[LABEL_CONFIG_HASH] === desired.configHash && !options.forceRecreate) return undefined;
  if (options.noRecreate) return undefined;
  const changed = changedFields(running.spec.Labels[LABEL_CONFIG_FIELDS], desired.fieldHashes);
  const cause = changed.length > 0 ? `${changed.join(", ")} changed` : options.forceRecreate ? "forced" : "config changed";
  const forceUpdate = (running.spec.TaskTemplate.ForceUpdate ?? 0) + (options.forceRecreate ? 1 : 0);
  return builder.add({ kind: "update-service", service: desired, id: running.id, version: running.version, forceUpdate, changed }, subject, cause, uses);
}

/** The wait for `dependency` to converge (one node per dependency and condition). */
function waitNode(builder: PlanBuilder<SwarmOperation>, stack: Stack, dependency: { readonly key: string; readonly hash: string | undefined }, condition: ConvergeCondition, after: string | undefined, cause = "depends_on"): string {
  const operation: SwarmOperation = { kind: "wait-service", serviceKey: dependency.key, serviceName: `${stack.name}_${dependency.key}`, condition, ...(dependency.hash ? { expectedHash: dependency.hash } : {}) };
  const id = `wait-service:${describeSwarmOperation(operation).target}`;
  if (builder.has(id)) return id;
  return builder.add(operation, { kind: "service", key: dependency.key }, cause, [after]);
}

function planFileObjects(builder: PlanBuilder<SwarmOperation>, objects: readonly DesiredFileObject[], observed: SwarmObserved): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const object of objects) {
    if (object.external || object.spec === undefined) continue;
    const existing = object.section === "secrets" ? observed.secrets : observed.configs;
    if (existing.some((item) => item.name === object.name)) continue;
    const kind = KIND[object.section];
    const cause = existing.some((item) => item.labels["dev.tsd.resource"] === object.key) ? "content changed" : "not found";
    nodes.set(`${object.section}/${object.key}`, builder.add({ kind: "create-file-object", objectKind: kind, key: object.key, spec: object.spec }, { kind, key: object.key }, cause));
  }
  return nodes;
}

function planNetworks(builder: PlanBuilder<SwarmOperation>, stack: Stack, observed: SwarmObserved, version: string): Map<string, string> {
  const nodes = new Map<string, string>();
  const used = new Set(Object.values(stack.services).flatMap((service) => Object.keys(service.networks)));
  for (const [key, network] of Object.entries(stack.networks).sort(([a], [b]) => a.localeCompare(b))) {
    if (!used.has(key)) continue;
    if (network.external) {
      if (!observed.networkNames.has(network.name)) builder.note(`external network ${network.name} (networks.${key}) is not on the swarm: create it with \`docker network create -d overlay --attachable ${network.name}\``);
      continue;
    }
    if (observed.networks.some((item) => item.name === network.name)) continue;
    nodes.set(key, builder.add({ kind: "create-network", spec: convertNetwork(stack, network, version) }, { kind: "network", key }, "not found"));
  }
  return nodes;
}

/** Old secrets and configs of the project that no desired object names: removed once the changed services converged. */
function planStaleObjects(
  builder: PlanBuilder<SwarmOperation>,
  stack: Stack,
  observed: SwarmObserved,
  objects: readonly DesiredFileObject[],
  changedNodes: ReadonlyMap<string, string>,
  hashes: ReadonlyMap<string, string>,
): void {
  const wanted = new Set(objects.map((object) => object.name));
  const stale = [
    ...observed.secrets.filter((item) => !wanted.has(item.name)).map((item) => ({ ...item, objectKind: "secret" as const })),
    ...observed.configs.filter((item) => !wanted.has(item.name)).map((item) => ({ ...item, objectKind: "config" as const })),
  ];
  if (stale.length === 0) return;
  const waits = [...changedNodes.keys()].sort().map((key) => waitNode(builder, stack, { key, hash: hashes.get(key) }, "service_started", changedNodes.get(key), "old secrets and configs go once it converged"));
  for (const item of stale) {
    builder.add({ kind: "remove-file-object", objectKind: item.objectKind, id: item.id, name: item.name }, { kind: item.objectKind, key: item.labels["dev.tsd.resource"] ?? item.name }, "replaced, no longer used", waits);
  }
}

function noteOrphans(builder: PlanBuilder<SwarmOperation>, stack: Stack, services: readonly ObservedService[]): void {
  for (const service of services) {
    const key = service.spec.Labels[LABEL_SERVICE] ?? "";
    if (!stack.services[key]) builder.note(`service ${service.spec.Name} is not in the stack any more; \`tsd down --target swarm\` removes it`);
  }
}
