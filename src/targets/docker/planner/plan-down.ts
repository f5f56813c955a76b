/**
 * `tsd down`'s planner: stop and remove the project's containers, dependents
 * first, then its networks; volumes, data containers and images only when
 * asked. Nothing a user made is lost without `-v`.
 */
import { LABEL_PROJECT_ID, LABEL_SERVICE } from "../../../base/labels.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import type { StackGraph } from "../../../graph/model.js";
import type { DownPlanOptions } from "../../target.js";
import type { Stack } from "../../../stack/model.js";
import type { ObservedState } from "../observe.js";
import { serviceImage } from "../../../stack/names.js";
import { isDataContainer } from "../../../base/labels.js";
import { anonymousVolumesOf, orphansOf, subjectOf } from "./observed-containers.js";
import type { PlanBuilder } from "../../../plan/builder.js";
import { type DockerOperation, type DockerPlan, dockerPlanBuilder } from "../operations.js";


/** Plans `tsd down`. */
export function planDown(stack: Stack, graph: StackGraph, observed: ObservedState, options: DownPlanOptions): DockerPlan {
  const builder = dockerPlanBuilder();
  const orphans = new Set(orphansOf(stack, observed).map((container) => container.id));
  const containers = observed.containers.filter((container) => {
    if (orphans.has(container.id)) return options.removeOrphans;
    return !isDataContainer(container) || options.volumes;
  });
  if (!options.removeOrphans && orphans.size > 0) {
    builder.note(`orphan containers left in place: ${observed.containers.filter((container) => orphans.has(container.id)).map((container) => container.name).join(", ")}; --remove-orphans removes them`);
  }
  // Dependents stop first: a service's stop waits for the stops of everything that depends on it.
  const rank = new Map(graph.order.map((id, index) => [id, index]));
  const unitOf = (container: ObservedContainer) => `${isDataContainer(container) ? "dataContainer" : "service"}:${container.labels[LABEL_SERVICE] ?? ""}`;
  const sorted = [...containers].sort((a, b) => (rank.get(unitOf(b)) ?? -1) - (rank.get(unitOf(a)) ?? -1) || a.name.localeCompare(b.name));
  const stopsByUnit = new Map<string, string[]>();
  const removals: string[] = [];
  for (const container of sorted) {
    const unit = unitOf(container);
    const subject = subjectOf(container);
    const dependents = graph.edges.filter((edge) => edge.to === unit).flatMap((edge) => stopsByUnit.get(edge.from) ?? []);
    const cause = orphans.has(container.id) ? "orphan" : "down";
    const running = container.state === "running" || container.state === "restarting" || container.state === "paused";
    const stop = running
      ? builder.add({ kind: "stop-container", name: container.name, ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}) }, subject, cause, dependents)
      : undefined;
    if (stop) stopsByUnit.set(unit, [...(stopsByUnit.get(unit) ?? []), stop]);
    removals.push(builder.add({ kind: "remove-container", name: container.name, removeVolumes: options.volumes }, subject, cause, [stop, ...dependents]));
  }
  for (const network of Object.values(stack.networks).sort((a, b) => a.name.localeCompare(b.name))) {
    const existing = observed.networks[network.name];
    if (network.external || !existing || existing.labels[LABEL_PROJECT_ID] !== stack.projectId) continue;
    builder.add({ kind: "remove-network", name: network.name }, { kind: "network", key: network.key }, "down", removals);
  }
  if (options.volumes) {
    for (const volume of Object.values(stack.volumes).sort((a, b) => a.name.localeCompare(b.name))) {
      const existing = observed.volumes[volume.name];
      if (volume.external || !existing || existing.labels[LABEL_PROJECT_ID] !== stack.projectId) continue;
      builder.add({ kind: "remove-volume", name: volume.name }, { kind: "volume", key: volume.key }, "down -v", removals);
    }
  }
  if (options.volumes) planAnonymousVolumes(builder, stack, observed.containers, containers, removals);
  if (options.removeImages) {
    const references = Object.entries(stack.services)
      .filter(([, service]) => options.removeImages === "all" || !service.image)
      .map(([key]) => serviceImage(stack, key));
    for (const reference of [...new Set(references)].sort()) {
      if (!observed.images[reference]) continue;
      builder.add({ kind: "remove-image", reference }, { kind: "image", key: reference }, `--rmi ${options.removeImages}`, removals);
    }
  }
  return builder.build();
}

/**
 * `rm -v` removes only the volumes the engine made for a container itself.
 * A recreated container re-mounts its predecessor's anonymous volume by
 * name, and the engine then treats it as named and keeps it: without these
 * nodes, every recreate would leave a volume behind that `down -v` never
 * removes and nothing refers to. Only the anonymous mounts a container
 * declares itself count (not those it sees through `volumes_from`), and none
 * that a container staying on the engine still uses.
 */
function planAnonymousVolumes(
  builder: PlanBuilder<DockerOperation>,
  stack: Stack,
  observedContainers: readonly ObservedContainer[],
  removed: readonly ObservedContainer[],
  removals: readonly string[],
): void {
  const removedIds = new Set(removed.map((container) => container.id));
  const stillUsed = new Set(
    observedContainers.filter((container) => !removedIds.has(container.id)).flatMap((container) => container.mounts.flatMap((mount) => (mount.name ? [mount.name] : []))),
  );
  const planned = new Set<string>();
  for (const container of removed) {
    const subject = subjectOf(container);
    const declared = subject.kind === "data-container" ? stack.dataContainers[subject.key]?.volumes : stack.services[subject.key]?.volumes;
    const ownTargets = new Set((declared ?? []).flatMap((mount) => (mount.type === "volume" && mount.source === undefined ? [mount.target] : [])));
    for (const [target, name] of Object.entries(anonymousVolumesOf(container)).sort(([a], [b]) => a.localeCompare(b))) {
      if (!ownTargets.has(target) || stillUsed.has(name) || planned.has(name)) continue;
      planned.add(name);
      builder.add({ kind: "remove-volume", name }, subject, `down -v (anonymous volume at ${target})`, removals);
    }
  }
}
