/**
 * What every target offers: a place a stack runs (one Docker Engine, or a
 * Swarm), seen from the use cases in app/. A target checks what of a stack
 * it cannot honour, observes what runs, plans (pure) and runs one planned
 * operation at a time; the DAG walk, the project lock and the plan's text
 * and JSON are shared by all targets (plan/). Beyond the plan, it reports
 * the stack's live status, follows its logs and supervises it, all as
 * StackEvents on the sink it was opened with.
 *
 * Methods (not function properties) on purpose: a target is generic in its
 * operations and observed state, and method parameters let a
 * `Target<DockerOperation, ObservedState>` stand where the use cases hold a
 * plain `Target`.
 */
import type { ConfigIssue } from "../base/errors.js";
import type { ServiceState } from "../events/status.js";
import type { DescribeFailure, FailureText, NodeFailure } from "../plan/outcome.js";
import type { Plan, PlanNode, PlanOperation } from "../plan/plan.js";
import type { NodeOutcome } from "../plan/walk.js";
import type { Project } from "../project/project.js";

/** The targets tsd knows. */
export type TargetName = "docker" | "swarm";

/** What a target can do beyond the plan, for the use cases to ask before they offer a verb. */
export interface TargetCapabilities {
  /** tsd supervises the stack itself (health restarts, `restart: true` cascades); a Swarm supervises its own services. */
  readonly supervision: boolean;
  /** `develop.watch` syncs files into running containers. */
  readonly develop: boolean;
}

/** What a target cannot honour in a stack: warnings (it ignores the field) and refusals (nothing runs). */
export interface TargetCheck {
  readonly warnings: readonly string[];
  readonly refusals: readonly ConfigIssue[];
}

/** How `up` builds an image a service needs. */
export type BuildMode = "auto" | "always" | "never";

/** Options of `tsd up` that shape the plan, on any target. */
export interface UpPlanOptions {
  /** Services named on the command line; empty: all. Their dependencies are always included. */
  readonly services: readonly string[];
  readonly forceRecreate: boolean;
  readonly noRecreate: boolean;
  readonly build: BuildMode;
  readonly renewAnonVolumes: boolean;
  readonly removeOrphans: boolean;
  readonly scale: Readonly<Record<string, number>>;
  /** tsd's version, written on what it creates. */
  readonly version: string;
  /**
   * Create what is missing or changed, start nothing (`tsd create`,
   * `up --no-start`): no start, no data-container seed, no depends_on wait.
   */
  readonly noStart?: boolean;
  /** Leave out (and list in `plan.held`) every change that would lose data: the watch loop applies edits unattended. */
  readonly holdBackDataLoss?: boolean;
}

/**
 * `up`'s options as a plain `tsd up` has them (every service, recreate what
 * changed, build when missing, keep orphans), with `changes` over them: the
 * one place the defaults are written, for the CLI's flags, the app's own
 * reconciles (run's dependencies, the watch loop) and the tests.
 */
export function defaultUpOptions(version: string, changes: Partial<UpPlanOptions> = {}): UpPlanOptions {
  return { services: [], forceRecreate: false, noRecreate: false, build: "auto", renewAnonVolumes: false, removeOrphans: false, scale: {}, version, ...changes };
}

/** Options of `tsd down`. */
export interface DownPlanOptions {
  /** `-v`: also named volumes, anonymous volumes and data containers. */
  readonly volumes: boolean;
  readonly removeImages?: "local" | "all";
  readonly removeOrphans: boolean;
  readonly timeoutSeconds?: number;
}

/** What one operation runs with. */
export interface RunContext {
  /** How long a wait (a `depends_on` condition, a seed run) may take. */
  readonly waitTimeoutMs: number;
  /** Tell the replicas' status as the plan changes it (off while a supervisor reports it). */
  readonly reportStatus: boolean;
  readonly signal?: AbortSignal;
}

/** Carries out the nodes of one plan. */
export interface PlanRunner<Op extends PlanOperation> {
  /** One node; a failure the stack tolerates comes back as a warning. */
  run(node: PlanNode<Op>): Promise<NodeOutcome | void>;
}

/** One replica (a container, a Swarm task) as `tsd ps` lists it. */
export interface ReplicaView {
  readonly id: string;
  readonly name: string;
  readonly service: string;
  readonly replica?: number;
  readonly kind: "service" | "data-container" | "one-off";
  readonly state: ServiceState;
  /** The status in tsd's words: `healthy`, `exited(1)`, `holds volumes`. */
  readonly status: string;
  /** The engine's own state word: `running`, `exited (1)`. */
  readonly engineState: string;
  /** The last exit code the engine reports (0 for one that never exited). */
  readonly exitCode: number;
  /** Empty without a health check. */
  readonly health: string;
  /** `127.0.0.1:8080->80/tcp`, sorted. */
  readonly ports: readonly string[];
  readonly image: string;
  /** A Swarm task: where it runs and what Swarm wants of it. */
  readonly swarm?: { readonly node: string; readonly slot?: number; readonly desiredState: string; readonly currentState: string; readonly error: string };
}

/** Which replicas `tsd ps` lists. */
export interface ReplicaQuery {
  /** Stopped ones too. */
  readonly all: boolean;
  /** Empty: every service. */
  readonly services: readonly string[];
}

/** What `up --wait` waits for. */
export interface WaitReadyRequest {
  /** Services the user named; empty: all. */
  readonly services: readonly string[];
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Which output `logs` reads. */
export interface LogRequest {
  /** Empty: every service. */
  readonly services: readonly string[];
  readonly follow: boolean;
  /** Lines from the end of each replica's output; absent: all. */
  readonly tail?: number;
  /** Unix seconds. */
  readonly since?: number;
  readonly until?: number;
  readonly timestamps: boolean;
  /** Only this replica of each service. */
  readonly index?: number;
  /** Only these replicas (by id): a container that just (re)started. */
  readonly replicaIds?: readonly string[];
  /** With `follow`: also follow the selected containers that start later (scale-up, recreate, restart), as `logs -f` does. */
  readonly followNew?: boolean;
  readonly signal?: AbortSignal;
}

/** A replica whose output `logs` reads. */
export interface LogSource {
  readonly id: string;
  readonly service: string;
  /** Its name on the engine: `demo-web-1`. */
  readonly name: string;
  readonly replica?: number;
}

/** `logs` under way: whose output (known before the first line, for aligned prefixes), and when it ends. */
export interface LogFollow {
  readonly sources: readonly LogSource[];
  readonly done: Promise<void>;
}

/** How supervision runs. */
export interface SuperviseOptions {
  /** Aborting it stops supervising; the stack is left as it is. */
  readonly signal: AbortSignal;
  /** Any (re)start of a service replica (attached `up` follows its output; develop watch re-syncs it). */
  readonly onReplicaStarted?: (service: string, replicaId: string) => void;
}

/** A running supervision. */
export interface Supervision {
  /** Supervise this project from now on (the watch loop calls it after each good reload). */
  setProject(project: Project): void;
  /** The live state of each replica seen. */
  states(): readonly { readonly service: string; readonly replica: number; readonly state: ServiceState }[];
  /** Settles when the signal aborted and the event stream closed. */
  readonly done: Promise<void>;
}

/** One tsd project found on a target, for `tsd ls`. */
export interface ProjectSummary {
  readonly name: string;
  readonly directory: string;
  readonly running: number;
  readonly total: number;
}

/** A place a stack runs. */
export interface Target<Op extends PlanOperation = PlanOperation, Observed = unknown> {
  readonly name: TargetName;
  readonly capabilities: TargetCapabilities;
  /** What this target cannot honour in the stack. Pure: never touches the engine. */
  check(project: Project): TargetCheck;
  /** One read pass over what runs of the project. */
  observe(project: Project): Promise<Observed>;
  /** The plan of `up`. Pure. */
  planUp(project: Project, observed: Observed, options: UpPlanOptions): Plan<Op>;
  /** The plan of `down`. Pure. */
  planDown(project: Project, observed: Observed, options: DownPlanOptions): Plan<Op>;
  /**
   * What carries out the nodes of one plan, one call per node (a failure the
   * stack tolerates comes back as a warning). Made per plan, so the target
   * can follow the plan's progress (the replicas' status) as it runs.
   */
  runner(project: Project, plan: Plan<Op>, observed: Observed, context: RunContext): PlanRunner<Op>;
  /** A failed node in the user's words. */
  describeFailure(failure: NodeFailure<Op>, plan: Plan<Op>): FailureText;
  /** The project's replicas, for `tsd ps`. */
  replicas(project: Project, query: ReplicaQuery): Promise<readonly ReplicaView[]>;
  /** Resolves once every selected service is running (healthy, where it has a health check) and every job done; throws naming what is not. */
  waitReady(project: Project, request: WaitReadyRequest): Promise<void>;
  /** Emits the services' output as log events until it ends (or, following, until the signal aborts). */
  logs(project: Project, request: LogRequest): Promise<LogFollow>;
  /** Follows the project's live state (status, health, supervision events) until the signal aborts. */
  supervise(project: Project, options: SuperviseOptions): Supervision;
  /** Every tsd project on this target. */
  projects(): Promise<readonly ProjectSummary[]>;
}

/** The failure wording of a target, for the DAG walk. */
export function failureWording<Op extends PlanOperation>(target: Target<Op>): DescribeFailure<Op> {
  return (failure, plan) => target.describeFailure(failure, plan);
}
