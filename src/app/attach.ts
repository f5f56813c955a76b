/**
 * Attached `up`: follow every service's output, supervise the stack
 * (restarts, health, dependents) until the user interrupts (stop the stack
 * gracefully, dependents first; a second interrupt kills), until every
 * replica has exited, or, with `--abort-on-container-exit`, until the first
 * one exits. Status changes, log lines and the stopping itself are events.
 */
import { dockerOnly } from "./containers.js";
import { servicesInOrder } from "../project/services.js";
import type { ServiceState } from "../events/status.js";
import type { StackEvent } from "../events/stack-event.js";
import type { DockerTarget } from "../targets/docker/target.js";
import type { AnyTarget, StackContext } from "./context.js";

/** How an attached run ends. */
export interface AttachRequest {
  /** Only these services (empty: all). */
  readonly services: readonly string[];
  /** Aborted by the user's first interrupt: stop the stack gracefully. */
  readonly interrupt: AbortSignal;
  /** Aborted by a second interrupt while stopping: kill what is left. */
  readonly force: AbortSignal;
  /** Stop everything once any replica exits (`--abort-on-container-exit`). */
  readonly abortOnContainerExit: boolean;
  /** Exit with this service's exit code (`--exit-code-from`; implies the above). */
  readonly exitCodeFrom?: string;
}

/** States a replica does not leave by itself. */
const FINISHED: ReadonlySet<ServiceState> = new Set(["exited", "completed", "crash-looping"]);

/** Runs attached until the stack is stopped; returns the exit code for the process. */
export async function attach(context: StackContext, request: AttachRequest): Promise<number> {
  const target = dockerOnly(await context.target(), "up (attached)");
  const project = context.project;
  const selected = servicesInOrder(project, request.services, "dependencies-first");
  // `attach: false`: the service runs and is supervised, but its output is not followed.
  const attached = selected.filter((service) => project.stack.services[service]?.attach !== false);
  const supervision = new AbortController();
  const follow = logFollower(context, target, attached, supervision.signal);
  let firstExit: StackEvent | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const supervisor = target.supervise(project, {
    signal: supervision.signal,
    onReplicaStarted: (service, replicaId) => {
      // A restarted or recreated container: follow its output from this start on.
      if (attached.includes(service)) follow([service], [replicaId], Math.floor(context.clock.now() / 1000));
    },
  });
  const stopWatching = context.events.subscribe((event) => {
    if (event.type !== "status" || !selected.includes(event.service) || !FINISHED.has(event.to)) return;
    firstExit ??= event;
    const states = supervisor.states().filter((state) => selected.includes(state.service));
    if (request.abortOnContainerExit || request.exitCodeFrom || states.every((state) => FINISHED.has(state.state))) finish();
  });
  context.emit({ type: "attach", phase: "following" });
  // From each replica's first line: a container up just started may have written before it was followed.
  const sources = attached.length > 0 ? await follow(attached) : [];
  const serviceReplicas = (await target.replicas(project, { all: true, services: selected })).filter((replica) => replica.kind === "service");
  if (sources.length > 0 && serviceReplicas.every((replica) => replica.state === "exited" || replica.state === "completed")) finish();
  request.interrupt.addEventListener("abort", () => finish(), { once: true });
  await finished;
  stopWatching();
  supervision.abort();
  await supervisor.done;
  return stopAndExitCode(context, target, request, firstExit);
}

/** Follows the output of services (or of some replicas of them), each replica once. */
function logFollower(context: StackContext, target: AnyTarget, selected: readonly string[], signal: AbortSignal) {
  const following = new Set<string>();
  return async (services: readonly string[], replicaIds?: readonly string[], since?: number): Promise<readonly string[]> => {
    if (signal.aborted) return [];
    const request = { services, follow: true, timestamps: false, signal, ...(replicaIds ? { replicaIds } : {}), ...(since === undefined ? {} : { since }) };
    const run = await target.logs(context.project, request).catch((error: unknown) => {
      context.emit({ type: "warning", message: `logs of ${services.join(", ")}: ${error instanceof Error ? error.message : String(error)}` });
      return undefined;
    });
    if (!run) return [];
    const fresh = run.sources.filter((source) => !following.has(source.id) && selected.includes(source.service));
    for (const source of fresh) following.add(source.id);
    run.done
      .catch((error: unknown) => context.emit({ type: "warning", message: `logs of ${services.join(", ")}: ${error instanceof Error ? error.message : String(error)}` }))
      .finally(() => fresh.forEach((source) => following.delete(source.id)));
    return fresh.map((source) => source.id);
  };
}

/** After the attached run: stop the stack when asked to (gracefully, or killing on a second interrupt), and the exit code. */
async function stopAndExitCode(context: StackContext, target: DockerTarget, request: AttachRequest, firstExit: StackEvent | undefined): Promise<number> {
  const project = context.project;
  if (request.interrupt.aborted || request.abortOnContainerExit || request.exitCodeFrom) {
    if (!request.interrupt.aborted) context.emit({ type: "attach", phase: "aborting" });
    context.emit({ type: "attach", phase: "stopping" });
    const stopping = target.verbs.stop(project, request.services, {});
    const forced = new Promise<"forced">((resolve) => request.force.addEventListener("abort", () => resolve("forced"), { once: true }));
    if ((await Promise.race([stopping.then(() => "stopped" as const), forced])) === "forced") {
      context.emit({ type: "attach", phase: "forcing" });
      await target.verbs.kill(project, request.services, "SIGKILL");
      await stopping.catch(() => undefined);
    }
  }
  if (request.exitCodeFrom) {
    const [replica] = (await target.replicas(project, { all: true, services: [request.exitCodeFrom] })).filter((view) => view.kind === "service");
    return replica?.exitCode ?? 1;
  }
  if (request.abortOnContainerExit && firstExit?.type === "status") return firstExit.exitCode ?? 0;
  return 0;
}
