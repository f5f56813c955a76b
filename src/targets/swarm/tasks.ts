/**
 * A project's Swarm tasks as `tsd ps --target swarm` lists them: service,
 * slot, node, desired and current state, error.
 */
import { LABEL_SERVICE } from "../../base/labels.js";
import type { ObservedNode, ObservedService, ObservedTask, SwarmTaskState } from "../../docker-api/swarm-types.js";
import type { ServiceState } from "../../events/status.js";
import type { ReplicaView } from "../target.js";

/** A task's state in tsd's words. */
export function taskServiceState(task: ObservedTask): ServiceState {
  const states: Readonly<Record<SwarmTaskState, ServiceState>> = {
    new: "pending",
    allocated: "pending",
    pending: "pending",
    assigned: "pending",
    accepted: "creating",
    preparing: "creating",
    ready: "creating",
    starting: "starting",
    running: "running",
    complete: "completed",
    shutdown: "exited",
    failed: "exited",
    rejected: "exited",
    remove: "exited",
    orphaned: "exited",
  };
  return states[task.state];
}

/** One task as a row of `ps`. */
export function taskView(task: ObservedTask, service: ObservedService, nodes: ReadonlyMap<string, ObservedNode>): ReplicaView {
  const key = service.spec.Labels[LABEL_SERVICE] ?? service.spec.Name;
  const node = nodes.get(task.nodeId)?.hostname ?? task.nodeId;
  const ports = (service.spec.EndpointSpec?.Ports ?? []).map((port) => `${port.PublishedPort ?? "*"}->${port.TargetPort}/${port.Protocol} (${port.PublishMode})`);
  return {
    id: task.id,
    name: `${service.spec.Name}.${task.slot ?? task.nodeId.slice(0, 12)}`,
    service: key,
    ...(task.slot !== undefined ? { replica: task.slot } : {}),
    kind: "service",
    state: taskServiceState(task),
    status: task.error ? `${task.state}: ${task.error}` : task.state,
    engineState: task.state,
    exitCode: task.exitCode ?? 0,
    health: "",
    ports,
    image: task.image,
    swarm: { node, desiredState: task.desiredState, currentState: task.state, error: task.error, ...(task.slot !== undefined ? { slot: task.slot } : {}) },
  };
}

/** Every task of the services as rows, by service then slot; without `all`, only tasks meant to run (or complete). */
export function taskViews(services: readonly ObservedService[], tasks: readonly ObservedTask[], nodes: readonly ObservedNode[], all: boolean): ReplicaView[] {
  const byId = new Map(services.map((service) => [service.id, service]));
  const nodeMap = new Map(nodes.map((node) => [node.id, node]));
  return tasks
    .filter((task) => all || task.desiredState === "running" || task.desiredState === "complete")
    .flatMap((task) => {
      const service = byId.get(task.serviceId);
      return service ? [taskView(task, service, nodeMap)] : [];
    })
    .sort((a, b) => a.service.localeCompare(b.service) || (a.replica ?? 0) - (b.replica ?? 0) || a.name.localeCompare(b.name));
}
