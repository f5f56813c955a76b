/**
 * Reading the observed containers of a project: which service and replica
 * each is, which anonymous volumes it holds, and which are orphans.
 */
import { type ContainerKind, isDataContainer, isOneOff, LABEL_KIND, LABEL_SERVICE, replicaOf } from "../../../base/labels.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import type { Stack } from "../../../stack/model.js";
import type { ObservedState } from "../observe.js";
import type { PlanSubject } from "../../../plan/plan.js";
import type { PlanBuilder } from "../../../plan/builder.js";
import type { DockerOperation } from "../operations.js";

/** The project's containers of one service or data container, by replica. */
export function findContainers(observed: ObservedState, kind: ContainerKind, key: string): ObservedContainer[] {
  return [...(containersByUnit(observed).get(`${kind}\0${key}`) ?? [])];
}

/** Observed containers by kind and service, sorted by replica: built once per observation, not scanned once per service. */
const byUnit = new WeakMap<ObservedState, ReadonlyMap<string, readonly ObservedContainer[]>>();

function containersByUnit(observed: ObservedState): ReadonlyMap<string, readonly ObservedContainer[]> {
  const known = byUnit.get(observed);
  if (known) return known;
  const index = new Map<string, ObservedContainer[]>();
  for (const container of observed.containers) {
    const unit = `${container.labels[LABEL_KIND] ?? ""}\0${container.labels[LABEL_SERVICE] ?? ""}`;
    const list = index.get(unit);
    if (list) list.push(container);
    else index.set(unit, [container]);
  }
  for (const list of index.values()) list.sort((a, b) => (replicaOf(a) ?? 0) - (replicaOf(b) ?? 0));
  byUnit.set(observed, index);
  return index;
}

/** The plan subject an observed container belongs to: its service or data container. */
export function subjectOf(container: ObservedContainer): PlanSubject {
  return { kind: isDataContainer(container) ? "data-container" : "service", key: container.labels[LABEL_SERVICE] ?? container.name };
}

/** Docker names anonymous volumes with 64 hex digits. */
const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;

/** Container path → anonymous volume name, so a recreated container keeps the data. */
export function anonymousVolumesOf(container: ObservedContainer): Record<string, string> {
  const volumes: Record<string, string> = {};
  for (const mount of container.mounts) {
    if (mount.type === "volume" && mount.name && ANONYMOUS_VOLUME.test(mount.name)) volumes[mount.destination] = mount.name;
  }
  return volumes;
}

/** Containers of this project whose service or data container left the stack. */
export function orphansOf(stack: Stack, observed: ObservedState): ObservedContainer[] {
  return observed.containers.filter((container) => {
    const key = container.labels[LABEL_SERVICE] ?? "";
    return isDataContainer(container) ? !stack.dataContainers[key] : !stack.services[key];
  });
}

/** Removes orphans, or notes them when not asked to. One-off containers are not `up`'s business, whatever their service. */
export function planOrphans(builder: PlanBuilder<DockerOperation>, stack: Stack, observed: ObservedState, remove: boolean): void {
  const orphans = orphansOf(stack, observed).filter((container) => !isOneOff(container));
  if (orphans.length === 0) return;
  if (!remove) {
    builder.note(`orphan containers (their service left the stack): ${orphans.map((container) => container.name).join(", ")}; --remove-orphans removes them`);
    return;
  }
  for (const orphan of orphans) {
    const subject = subjectOf(orphan);
    const stop = orphan.state === "running" || orphan.state === "restarting" || orphan.state === "paused" ? builder.add({ kind: "stop-container", name: orphan.name }, subject, "orphan") : undefined;
    builder.add({ kind: "remove-container", name: orphan.name, removeVolumes: false }, subject, "orphan", [stop]);
  }
}
