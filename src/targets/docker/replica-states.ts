/**
 * The replicas' status while a plan runs, told as status events: a create
 * makes a replica `creating`, a `depends_on` wait makes its dependent
 * `waiting (db: healthy)`, a start `starting` then `running` (or still
 * `starting` while its health check has not spoken), a met condition makes
 * the dependency `healthy` or `completed`. Only what the plan itself
 * learns: no engine call is made for it (supervision follows the engine's
 * events; `up --wait` polls).
 */
import type { Clock } from "../../base/clock.js";
import { LABEL_KIND, LABEL_REPLICA, LABEL_SERVICE } from "../../base/labels.js";
import type { EventSink } from "../../events/stack-event.js";
import type { ServiceState } from "../../events/status.js";
import type { Stack } from "../../stack/model.js";
import type { ObservedState } from "./observe.js";
import { conditionText, type DockerOperation, type DockerPlan } from "./operations.js";
import { statusOf } from "./supervision/status.js";

/** A replica, by container name. */
interface Replica {
  readonly service: string;
  readonly replica: number;
  state: ServiceState;
}

/** One plan run's view of the replicas it touches. */
export class ReplicaStates {
  readonly #byName = new Map<string, Replica>();

  constructor(
    private readonly stack: Stack,
    private readonly emit: EventSink,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes the replicas as observed before the plan, and those the plan
   * creates, so a wait knows its dependent's replicas and the first
   * transition of each says where it came from.
   */
  seed(observed: ObservedState, plan: DockerPlan): void {
    for (const container of observed.containers) this.#learn(container.name, container.labels, statusOf(container, false).state);
    for (const node of plan.nodes) if (node.operation.kind === "create-container") this.#learn(node.operation.spec.name, node.operation.spec.labels);
  }

  /** Before an operation runs. */
  before(operation: DockerOperation): void {
    switch (operation.kind) {
      case "create-container":
        this.#move(operation.spec.name, "creating");
        return;
      case "await-condition":
        for (const name of this.#namesOf(operation.dependent)) this.#move(name, "waiting", `${operation.service}: ${conditionText(operation.condition)}`);
        return;
      case "start-container":
        this.#move(operation.name, "starting");
        return;
      default:
        return;
    }
  }

  /** After an operation succeeded. */
  after(operation: DockerOperation): void {
    switch (operation.kind) {
      case "start-container": {
        const replica = this.#byName.get(operation.name);
        const healthcheck = replica ? this.stack.services[replica.service]?.healthcheck : undefined;
        if (!healthcheck || healthcheck.disable) this.#move(operation.name, "running");
        return;
      }
      case "await-condition": {
        const reached: ServiceState | undefined =
          operation.condition === "service_healthy" ? "healthy" : operation.condition === "service_completed_successfully" ? "completed" : undefined;
        if (reached) for (const name of operation.containers) this.#move(name, reached);
        return;
      }
      default:
        return;
    }
  }

  #learn(name: string, labels: Readonly<Record<string, string>>, state?: ServiceState): void {
    if (labels[LABEL_KIND] !== "service") return;
    const known = this.#byName.get(name);
    this.#byName.set(name, { service: labels[LABEL_SERVICE] ?? "", replica: Number(labels[LABEL_REPLICA] ?? "1"), state: state ?? known?.state ?? "pending" });
  }

  #namesOf(service: string): string[] {
    return [...this.#byName].filter(([, replica]) => replica.service === service).map(([name]) => name);
  }

  #move(name: string, to: ServiceState, detail?: string): void {
    const replica = this.#byName.get(name);
    if (!replica || replica.state === to) return;
    const from = replica.state;
    replica.state = to;
    this.emit({ type: "status", service: replica.service, replica: replica.replica, from, to, ...(detail === undefined ? {} : { detail }), at: this.clock.now() });
  }
}
