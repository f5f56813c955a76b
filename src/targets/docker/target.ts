/**
 * The single-engine target: a stack's services as containers on one Docker
 * Engine. It composes this folder's stages (observe, the planners, the
 * operations, supervision) behind the Target interface, and adds the
 * container verbs (`verbs`) only a container target has: exec, cp, stop…
 */
import { type Clock, systemClock } from "../../base/clock.js";
import { LABEL_KIND, LABEL_PROJECT, LABEL_PROJECT_DIR, LABEL_PROJECT_ID, LABEL_SERVICE, replicaOf, serviceOf } from "../../base/labels.js";
import type { Engine } from "../../docker-api/engine.js";
import type { ObservedContainer } from "../../docker-api/types.js";
import type { EventSink } from "../../events/stack-event.js";
import { formatStatus, isOneShot } from "../../events/status.js";
import type { FailureText, NodeFailure } from "../../plan/outcome.js";
import { stepOf } from "../../plan/plan.js";
import type { NodeOutcome } from "../../plan/walk.js";
import type { Project } from "../../project/project.js";
import { servicesInOrder } from "../../project/services.js";
import type {
  DownPlanOptions,
  LogFollow,
  LogRequest,
  PlanRunner,
  ProjectSummary,
  ReplicaQuery,
  ReplicaView,
  RunContext,
  SuperviseOptions,
  Supervision,
  Target,
  TargetCheck,
  UpPlanOptions,
  WaitReadyRequest,
} from "../target.js";
import { singleEngineWarnings } from "./check.js";
import { describeDockerFailure } from "./failures.js";
import { observe, type ObservedState } from "./observe.js";
import type { DockerOperation, DockerPlan, DockerPlanNode } from "./operations.js";
import { holdBackDestructive } from "./planner/destructive.js";
import { planDown } from "./planner/plan-down.js";
import { planUp } from "./planner/plan-up.js";
import { ReplicaStates } from "./replica-states.js";
import { runDockerOperation } from "./run-operation.js";
import { startSupervisor } from "./supervision/supervisor.js";
import { statusOf } from "./supervision/status.js";
import { waitUntilReady } from "./supervision/wait-ready.js";
import { containersByService } from "./verbs/containers.js";
import { type LogLine, readLogLines } from "./verbs/logs.js";
import { followLogs } from "./verbs/follow-logs.js";
import { DockerVerbs } from "./verbs/verbs.js";
import { DockerObjectVerbs } from "./verbs/object-verbs.js";

/** How long a `restart: true` dependent waits for its restarted dependency, when supervision restarts it. */
const CASCADE_CONDITION_TIMEOUT_MS = 300_000;

/** One Docker Engine as a target. */
export class DockerTarget implements Target<DockerOperation, ObservedState> {
  readonly name = "docker";
  readonly capabilities = { supervision: true, develop: true } as const;
  /** The verbs of a container target. */
  readonly verbs: DockerVerbs;
  /** The verbs on the engine's objects: attach, diff, images, registry, volumes, networks, version. */
  readonly objects: DockerObjectVerbs;

  constructor(
    /** The engine; connected lazily, so building a target costs no engine call. */
    readonly engine: Engine,
    private readonly emit: EventSink,
    private readonly clock: Clock = systemClock,
  ) {
    this.verbs = new DockerVerbs(engine, emit, clock);
    this.objects = new DockerObjectVerbs(engine);
  }

  check(project: Project): TargetCheck {
    return { warnings: singleEngineWarnings(project.stack), refusals: [] };
  }

  observe(project: Project): Promise<ObservedState> {
    return observe(this.engine, project.stack);
  }

  planUp(project: Project, observed: ObservedState, options: UpPlanOptions): DockerPlan {
    const plan = planUp(project.stack, project.graph, observed, options);
    if (!options.holdBackDataLoss) return plan;
    const { apply, pending } = holdBackDestructive({ plan, observed, stack: project.stack });
    return { ...apply, held: pending.map((change) => ({ subject: change.subject, reasons: change.reasons, steps: change.nodes.map(stepOf) })) };
  }

  planDown(project: Project, observed: ObservedState, options: DownPlanOptions): DockerPlan {
    return planDown(project.stack, project.graph, observed, options);
  }

  runner(project: Project, plan: DockerPlan, observed: ObservedState, context: RunContext): PlanRunner<DockerOperation> {
    const states = new ReplicaStates(project.stack, context.reportStatus ? this.emit : () => undefined, this.clock);
    states.seed(observed, plan);
    const runContext = { waitTimeoutMs: context.waitTimeoutMs, clock: this.clock, ...(context.signal ? { signal: context.signal } : {}) };
    return {
      run: async (node: DockerPlanNode): Promise<NodeOutcome | void> => {
        states.before(node.operation);
        const outcome = await runDockerOperation(this.engine, node, runContext);
        states.after(node.operation);
        return outcome;
      },
    };
  }

  describeFailure(failure: NodeFailure<DockerOperation>, plan: DockerPlan): FailureText {
    return describeDockerFailure(failure, plan);
  }

  async replicas(project: Project, query: ReplicaQuery): Promise<readonly ReplicaView[]> {
    const containers = await this.engine.listContainers({ [LABEL_PROJECT]: project.stack.name, [LABEL_PROJECT_ID]: project.stack.projectId });
    return containers
      .filter((container) => query.all || container.state === "running" || container.state === "restarting" || container.state === "paused")
      .filter((container) => query.services.length === 0 || query.services.includes(container.labels[LABEL_SERVICE] ?? ""))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((container) => replicaView(container, project));
  }

  waitReady(project: Project, request: WaitReadyRequest): Promise<void> {
    return waitUntilReady(this.engine, project, request, this.clock);
  }

  async logs(project: Project, request: LogRequest): Promise<LogFollow> {
    const services = servicesInOrder(project, request.services, "dependencies-first");
    const groups = await containersByService(this.engine, project, services, request.index === undefined ? {} : { index: request.index });
    const containers = groups.flatMap((group) => group.containers).filter((container) => request.replicaIds === undefined || request.replicaIds.includes(container.id));
    const { services: _services, index: _index, replicaIds: _replicaIds, followNew, ...options } = request;
    const onLine = (line: LogLine): void => this.emit(logEvent(line, this.clock.now()));
    // Following the whole selection also picks up containers that start later (scale-up, recreate, restart).
    const done = request.follow && followNew === true
      ? followLogs({ engine: this.engine, project, selection: { services, ...(request.index === undefined ? {} : { index: request.index }) }, clock: this.clock }, containers, options, onLine)
      : readLogLines(this.engine, containers, options, onLine);
    const sources = containers.map((container) => {
      const replica = replicaOf(container);
      return { id: container.id, service: serviceOf(container), name: container.name, ...(replica === undefined ? {} : { replica }) };
    });
    return { sources, done };
  }

  supervise(project: Project, options: SuperviseOptions): Supervision {
    const supervisor = startSupervisor(this.engine, project, {
      signal: options.signal,
      emit: this.emit,
      clock: this.clock,
      cascadeTimeoutMs: CASCADE_CONDITION_TIMEOUT_MS,
      ...(options.onReplicaStarted ? { onContainerStarted: options.onReplicaStarted } : {}),
    });
    return { setProject: (next) => supervisor.setProject(next), states: () => supervisor.status(), done: supervisor.done };
  }

  async projects(): Promise<readonly ProjectSummary[]> {
    const containers = await this.engine.listContainers({ [LABEL_PROJECT]: undefined, [LABEL_KIND]: undefined });
    const projects = new Map<string, { name: string; directory: string; running: number; total: number }>();
    for (const container of containers) {
      const id = container.labels[LABEL_PROJECT_ID] ?? "";
      const entry = projects.get(id) ?? { name: container.labels[LABEL_PROJECT] ?? "", directory: container.labels[LABEL_PROJECT_DIR] ?? "", running: 0, total: 0 };
      entry.total += 1;
      if (container.state === "running") entry.running += 1;
      projects.set(id, entry);
    }
    return [...projects.values()].sort((a, b) => a.name.localeCompare(b.name) || a.directory.localeCompare(b.directory));
  }
}

/** A log line as an event. */
function logEvent(line: { readonly container: ObservedContainer; readonly stream: "stdout" | "stderr"; readonly text: string }, at: number) {
  const replica = replicaOf(line.container);
  return { type: "log", service: line.container.labels[LABEL_SERVICE] ?? "", container: line.container.name, ...(replica === undefined ? {} : { replica }), stream: line.stream, text: line.text, at } as const;
}

/** A container as `tsd ps` lists it. */
function replicaView(container: ObservedContainer, project: Project): ReplicaView {
  const service = container.labels[LABEL_SERVICE] ?? "";
  const kind = container.labels[LABEL_KIND] === "data-container" ? "data-container" : container.labels[LABEL_KIND] === "one-off" ? "one-off" : "service";
  const ports = Object.entries(container.ports)
    .flatMap(([port, bindings]) => (bindings.length === 0 ? [port] : bindings.map((binding) => `${binding.hostIp || "0.0.0.0"}:${binding.hostPort}->${port}`)))
    .sort();
  const status = statusOf(container, kind === "data-container" || isOneShot(service, Object.values(project.stack.services)));
  const replica = replicaOf(container);
  return {
    id: container.id,
    name: container.name,
    service,
    ...(replica === undefined ? {} : { replica }),
    kind,
    state: status.state,
    // A data container without a command is never started: it exists to hold its volumes.
    status: kind === "data-container" && container.state === "created" ? "holds volumes" : formatStatus(status),
    engineState: container.state === "exited" ? `exited (${container.exitCode})` : container.state,
    exitCode: container.exitCode,
    health: container.health === "none" ? "" : container.health,
    ports,
    image: container.image,
  };
}
