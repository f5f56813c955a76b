/**
 * The Swarm target: a stack's services as Swarm services on a swarm
 * manager. It composes this folder's stages behind the Target interface:
 * the check (check.ts), observe, the pure planners, one API call per plan
 * node, convergence waits, tasks for `ps`, service logs. Swarm supervises
 * its own services (restarts, health), so tsd's supervision only reports.
 */
import { type Clock, systemClock } from "../../base/clock.js";
import { ConditionError } from "../../base/errors.js";
import { LABEL_PROJECT, LABEL_PROJECT_DIR, LABEL_PROJECT_ID, LABEL_SERVICE } from "../../base/labels.js";
import type { SwarmEngine } from "../../docker-api/swarm-engine.js";
import type { EventSink } from "../../events/stack-event.js";
import { describeFailureBySubject, type FailureText, type NodeFailure } from "../../plan/outcome.js";
import type { Project } from "../../project/project.js";
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
import { type LocatePath, restartWritten, swarmCheck } from "./check.js";
import { waitConverged } from "./converge.js";
import { desiredFileObject } from "./convert/file-objects.js";
import { projectFilter } from "./convert/names.js";
import { desiredService } from "./convert/service-spec.js";
import { followServiceLogs } from "./logs.js";
import { observeSwarm, readContents, type SwarmObserved } from "./observe.js";
import type { SwarmOperation, SwarmPlan, SwarmPlanNode } from "./operations.js";
import { planSwarmDown } from "./plan-down.js";
import { planSwarmUp, withDependencies } from "./plan-up.js";
import { FileObjectIds, runSwarmOperation } from "./run-operation.js";
import { type SwarmOverview, swarmOverview } from "./overview.js";
import { taskViews } from "./tasks.js";

/** How the target was opened. */
export interface SwarmTargetOptions {
  /** The caller's environment: secrets and configs read from variables. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** `--allow-unsupported`: fields Swarm cannot honour are listed and ignored instead of refused. */
  readonly allowUnsupported: boolean;
}

/** Where the project's paths were written, when it was loaded afresh (nowhere, from the stack cache). */
function locateOf(project: Project): LocatePath {
  const locate = (project as Project & { readonly locate?: LocatePath }).locate;
  return locate ?? (() => undefined);
}

/** The services whose `restart:` was written. */
function restartsWritten(project: Project): Set<string> {
  const locate = locateOf(project);
  return new Set(Object.keys(project.stack.services).filter((key) => restartWritten(locate, key)));
}

/** A swarm manager as a target. */
export class SwarmTarget implements Target<SwarmOperation, SwarmObserved> {
  readonly name = "swarm";
  readonly capabilities = { supervision: false, develop: false } as const;

  constructor(
    readonly engine: SwarmEngine,
    private readonly emit: EventSink,
    private readonly clock: Clock = systemClock,
    private readonly options: SwarmTargetOptions = { environment: {}, allowUnsupported: false },
  ) {}

  check(project: Project): TargetCheck {
    return swarmCheck(project.stack, locateOf(project), this.options.allowUnsupported);
  }

  observe(project: Project): Promise<SwarmObserved> {
    return observeSwarm(this.engine, project.stack, this.options.environment);
  }

  planUp(project: Project, observed: SwarmObserved, options: UpPlanOptions): SwarmPlan {
    return planSwarmUp(project.stack, observed, options, { restartWritten: restartsWritten(project) });
  }

  planDown(_project: Project, observed: SwarmObserved, options: DownPlanOptions): SwarmPlan {
    return planSwarmDown(observed, options.volumes);
  }

  runner(project: Project, _plan: SwarmPlan, observed: SwarmObserved, context: RunContext): PlanRunner<SwarmOperation> {
    const ids = new FileObjectIds(observed);
    const converge = { engine: this.engine, stack: project.stack, emit: this.emit, clock: this.clock, timeoutMs: context.waitTimeoutMs, ...(context.signal ? { signal: context.signal } : {}) };
    return { run: (node: SwarmPlanNode) => runSwarmOperation(this.engine, node.operation, ids, converge) };
  }

  describeFailure(failure: NodeFailure<SwarmOperation>): FailureText {
    return describeFailureBySubject(failure);
  }

  async replicas(project: Project, query: ReplicaQuery): Promise<readonly ReplicaView[]> {
    const { services, tasks, nodes } = await this.readTasks(project, query.services);
    return taskViews(services, tasks, nodes, query.all);
  }

  /** The dashboard's Swarm pane (nodes, tasks per node, each service's rollout) and every task as a row of `ps -a`, from one read. */
  async overview(project: Project): Promise<{ readonly pane: SwarmOverview; readonly replicas: readonly ReplicaView[] }> {
    const { services, tasks, nodes } = await this.readTasks(project, []);
    return { pane: swarmOverview(services, tasks, nodes), replicas: taskViews(services, tasks, nodes, true) };
  }

  /** The project's services (only `keys`, when given), their tasks and the swarm's nodes: three list calls. */
  private async readTasks(project: Project, keys: readonly string[]) {
    const services = (await this.engine.listServices(projectFilter(project.stack))).filter((service) => keys.length === 0 || keys.includes(service.spec.Labels[LABEL_SERVICE] ?? ""));
    const [tasks, nodes] = await Promise.all([this.engine.listTasks(services.map((service) => service.id)), this.engine.listNodes()]);
    return { services, tasks, nodes };
  }

  /** Every selected service (and what it depends on) converged: running, healthy where checked, updated; jobs completed. */
  async waitReady(project: Project, request: WaitReadyRequest): Promise<void> {
    const hashes = this.desiredHashes(project);
    const converge = { engine: this.engine, stack: project.stack, emit: this.emit, clock: this.clock, timeoutMs: request.timeoutMs, ...(request.signal ? { signal: request.signal } : {}) };
    const keys = withDependencies(project.stack, request.services);
    const results = await Promise.allSettled(keys.map((key) => waitConverged(converge, key, hashes.get(key))));
    const failures = results.flatMap((result) => (result.status === "rejected" ? [result.reason instanceof Error ? result.reason.message : String(result.reason)] : []));
    if (failures.length > 0) throw new ConditionError(failures.join("\n"), "`tsd ps --target swarm` lists every task with its node and error");
  }

  /** The config hash tsd would write for each service now. */
  private desiredHashes(project: Project): Map<string, string> {
    const stack = project.stack;
    const version = "";
    const fileNames = new Map(readContents(stack, this.options.environment).map((content) => {
      const object = desiredFileObject(stack, content, version);
      return [`${object.section}/${object.key}`, object.name] as const;
    }));
    const restartWritten = restartsWritten(project);
    return new Map(Object.keys(stack.services).map((key) => [key, desiredService(stack, key, { version, fileNames, restartWritten }).configHash]));
  }

  logs(project: Project, request: LogRequest): Promise<LogFollow> {
    return followServiceLogs(this.engine, project, request, this.emit, this.clock);
  }

  /** Swarm supervises its own services: nothing to do but wait for the signal. */
  supervise(_project: Project, options: SuperviseOptions): Supervision {
    const done = new Promise<void>((resolve) => {
      if (options.signal.aborted) resolve();
      else options.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    return { setProject: () => undefined, states: () => [], done };
  }

  async projects(): Promise<readonly ProjectSummary[]> {
    const services = await this.engine.listServices({ [LABEL_PROJECT]: undefined });
    const projects = new Map<string, { name: string; directory: string; running: number; total: number }>();
    for (const service of services) {
      const id = service.spec.Labels[LABEL_PROJECT_ID] ?? "";
      const entry = projects.get(id) ?? { name: service.spec.Labels[LABEL_PROJECT] ?? "", directory: service.spec.Labels[LABEL_PROJECT_DIR] ?? "", running: 0, total: 0 };
      entry.running += service.status?.running ?? 0;
      entry.total += service.status?.desired ?? 0;
      projects.set(id, entry);
    }
    return [...projects.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
