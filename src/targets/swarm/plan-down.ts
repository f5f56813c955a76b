/**
 * The plan of `down --target swarm`, pure: remove every service of the
 * project, wait until their tasks are gone (Swarm removes them
 * asynchronously, moby#29293), then remove the project's networks, secrets
 * and configs, so an immediate `up` finds nothing half-removed. Named
 * volumes live on each node and are left alone (as `docker stack rm` does).
 */
import { LABEL_RESOURCE, LABEL_SERVICE } from "../../base/labels.js";
import { PlanBuilder } from "../../plan/builder.js";
import { describeSwarmOperation } from "./describe.js";
import type { SwarmObserved } from "./observe.js";
import type { SwarmOperation, SwarmPlan } from "./operations.js";

/** The plan of `down`. */
export function planSwarmDown(observed: SwarmObserved, volumes: boolean): SwarmPlan {
  const builder = new PlanBuilder<SwarmOperation>(describeSwarmOperation);
  const removals = observed.services.map((service) => {
    const key = service.spec.Labels[LABEL_SERVICE] ?? service.spec.Name;
    return builder.add({ kind: "remove-service", serviceKey: key, id: service.id, name: service.spec.Name }, { kind: "service", key }, "down");
  });
  const gone =
    removals.length > 0
      ? builder.add({ kind: "wait-tasks-gone", serviceIds: observed.services.map((service) => service.id) }, { kind: "service", key: "*" }, "tasks stop asynchronously", removals)
      : undefined;
  for (const network of observed.networks) {
    builder.add({ kind: "remove-network", id: network.id, name: network.name }, { kind: "network", key: network.labels[LABEL_RESOURCE] ?? network.name }, "down", [gone]);
  }
  for (const [objectKind, items] of [["secret", observed.secrets], ["config", observed.configs]] as const) {
    for (const item of items) {
      builder.add({ kind: "remove-file-object", objectKind, id: item.id, name: item.name }, { kind: objectKind, key: item.labels[LABEL_RESOURCE] ?? item.name }, "down", [gone]);
    }
  }
  if (volumes) builder.note("named volumes live on each node of the swarm; remove them there (`docker volume rm` on each node)");
  return builder.build();
}
