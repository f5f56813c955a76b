/**
 * The services table of the dashboard: every replica of every service and
 * data container with what a person checks first (status, ports, health with
 * the last probe's output, restarts, image, when it started). Read in one
 * pass (the replicas, then one inspect per container), for every browser tab
 * at once. It carries no spec: environment values may be secrets. On a
 * swarm, the table lists tasks, and the Swarm pane adds nodes and rollouts.
 */
import type { ServiceState } from "../events/status.js";
import type { SwarmOverview } from "../targets/swarm/overview.js";
import type { ReplicaView } from "../targets/target.js";
import type { ServiceInspection } from "./containers.js";
import type { StackContext } from "./context.js";
import { replicas } from "./status.js";

export type { SwarmOverview, SwarmNodeView, SwarmServiceView, SwarmTaskView } from "../targets/swarm/overview.js";

/** One replica, as the dashboard shows it. */
export interface ReplicaOverview {
  readonly id: string;
  readonly name: string;
  readonly service: string;
  readonly replica?: number;
  readonly kind: ReplicaView["kind"];
  readonly state: ServiceState;
  readonly status: string;
  readonly exitCode: number;
  /** `healthy`, `unhealthy`, `starting`; empty without a health check. */
  readonly health: string;
  /** Output of the last health probe, trimmed; empty without one. */
  readonly lastProbe: string;
  readonly restartCount: number;
  /** `127.0.0.1:8080->80/tcp`, sorted. */
  readonly ports: readonly string[];
  readonly image: string;
  /** ISO time, when it ever started. */
  readonly startedAt?: string;
  /** A Swarm task: its node, and what Swarm wants of it. */
  readonly swarm?: ReplicaView["swarm"];
}

/** Each container's inspection, by id: one read per service (a Swarm's tasks have none to read from the manager). */
async function inspections(context: StackContext, views: readonly ReplicaView[]): Promise<Map<string, ServiceInspection["containers"][number]>> {
  const byId = new Map<string, ServiceInspection["containers"][number]>();
  const target = await context.target();
  if (target.name !== "docker") return byId;
  const services = [...new Set(views.filter((view) => view.kind === "service").map((view) => view.service))].sort();
  const read = await Promise.all(services.map((service) => target.verbs.inspect(context.project, service, undefined).catch(() => undefined)));
  for (const inspection of read) for (const container of inspection?.containers ?? []) byId.set(container.id, container);
  return byId;
}

/** Every replica (stopped ones too), services in the order the engine lists them; `views`: the replicas when already read. */
export async function serviceOverview(context: StackContext, views?: readonly ReplicaView[]): Promise<readonly ReplicaOverview[]> {
  views ??= await replicas(context, { all: true, services: [] });
  const byId = await inspections(context, views);
  return views.map((view) => {
    const inspected = byId.get(view.id);
    const probe = inspected?.health.log.at(-1);
    return {
      id: view.id,
      name: view.name,
      service: view.service,
      ...(view.replica === undefined ? {} : { replica: view.replica }),
      kind: view.kind,
      state: view.state,
      status: view.status,
      exitCode: view.exitCode,
      health: view.health,
      lastProbe: probe ? probe.output.trim() : "",
      restartCount: inspected?.restartCount ?? 0,
      ports: view.ports,
      image: view.image,
      ...(inspected?.startedAt ? { startedAt: inspected.startedAt } : {}),
      ...(view.swarm ? { swarm: view.swarm } : {}),
    };
  });
}

/** What the dashboard reads on each look: the services table, and on a swarm the Swarm pane too (both from one read of the tasks). */
export async function dashboardOverview(context: StackContext): Promise<{ readonly services: readonly ReplicaOverview[]; readonly swarm?: SwarmOverview }> {
  const target = await context.target();
  if (target.name !== "swarm") return { services: await serviceOverview(context) };
  const { pane, replicas: tasks } = await target.overview(context.project);
  return { services: await serviceOverview(context, tasks), swarm: pane };
}
