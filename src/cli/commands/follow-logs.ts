/**
 * Attached `up`: follow every service container's output (the printer
 * `tsd logs` uses), supervise the stack (restarts, health, dependents; see
 * src/runtime/supervisor/) and print its transitions with timestamps on
 * stderr, until Ctrl-C (stop the stack gracefully, dependents first; a second
 * Ctrl-C kills), until every container has exited, or, with
 * `--abort-on-container-exit`, until the first one exits.
 */
import type { Engine } from "../../docker-api/engine.js";
import type { ObservedContainer } from "../../docker-api/types.js";
import { killServices, type OnContainerProgress, stopServices } from "../../targets/docker/verbs/lifecycle.js";
import { readLogLines } from "../../targets/docker/verbs/logs.js";
import { containersByService, servicesInOrder } from "../../targets/docker/verbs/containers.js";
import type { Project } from "../../project/project.js";
import type { StatusTransition } from "../../targets/docker/supervision/status.js";
import { formatTransition, startSupervisor } from "../../targets/docker/supervision/index.js";
import { logPrinter } from "../render/log-printer.js";

/** How an attached run ends. */
export interface AttachedOptions {
  /** Stop everything once any container exits (`--abort-on-container-exit`). */
  readonly abortOnContainerExit: boolean;
  /** Exit with this service's exit code (`--exit-code-from`; implies the above). */
  readonly exitCodeFrom?: string;
}

/** States a container does not leave by itself. */
const FINISHED = new Set(["exited", "completed", "crash-looping"]);

/** `12:03:20.123`: local wall-clock time of a transition. */
function clockTime(at: number): string {
  const date = new Date(at);
  const two = (value: number) => String(value).padStart(2, "0");
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, "0")}`;
}

/** Runs attached until the stack is stopped; returns the exit code for the process. */
export async function runAttached(engine: Engine, project: Project, services: readonly string[], interrupt: AbortSignal, options: AttachedOptions): Promise<number> {
  const selected = servicesInOrder(project, services, "dependencies-first");
  const groups = await containersByService(engine, project, selected);
  const known = groups.flatMap((group) => group.containers);
  const session = { project, engine };
  const supervision = new AbortController();
  const say = (line: string) => process.stderr.write(`${clockTime(Date.now())} ${line}\n`);

  const following = new Set<string>();
  const follow = (container: ObservedContainer, since?: number): void => {
    if (following.has(container.id) || supervision.signal.aborted) return;
    following.add(container.id);
    if (!known.some((entry) => entry.id === container.id)) known.push(container);
    const logOptions = { follow: true, timestamps: false, signal: supervision.signal, ...(since === undefined ? {} : { since }) };
    readLogLines(engine, [container], logOptions, logPrinter(project, known, { prefix: true }))
      .catch((error: unknown) => say(`logs of ${container.name}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => following.delete(container.id));
  };

  let firstExit: StatusTransition | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const supervisor = startSupervisor(engine, project, {
    signal: supervision.signal,
    onMessage: say,
    onTransition: (transition) => {
      if (!selected.includes(transition.service)) return;
      say(formatTransition(transition));
      if (FINISHED.has(transition.to)) {
        firstExit ??= transition;
        const statuses = supervisor.status().filter((status) => selected.includes(status.service));
        if (options.abortOnContainerExit || options.exitCodeFrom || statuses.every((status) => FINISHED.has(status.state))) finish();
      }
    },
    onContainerStarted: (service, containerId) => {
      if (!selected.includes(service)) return;
      // A restarted or recreated container: follow its output from this start on.
      const since = Math.floor(Date.now() / 1000);
      engine.inspectContainer(containerId).then((container) => container && follow(container, since), () => undefined);
    },
  });

  process.stderr.write("attached: following logs; Ctrl-C stops the stack (use -d to leave it running)\n");
  // From each container's first line: a container up just started may have written before it was followed.
  for (const container of known) follow(container);
  if (known.length > 0 && known.every((container) => container.state === "exited" || container.state === "dead")) finish();
  interrupt.addEventListener("abort", () => finish(), { once: true });
  await finished;

  supervision.abort();
  await supervisor.done;
  const onProgress: OnContainerProgress = (progress) => process.stderr.write(`Container ${progress.container}  ${progress.outcome}\n`);
  if (interrupt.aborted || options.abortOnContainerExit || options.exitCodeFrom) {
    if (!interrupt.aborted) process.stderr.write("Aborting on container exit...\n");
    process.stderr.write("Gracefully stopping... (press Ctrl+C again to force)\n");
    await stopGracefully(session, services, onProgress);
  }
  if (options.exitCodeFrom) {
    const [group] = await containersByService(engine, project, [options.exitCodeFrom]);
    return group?.containers[0]?.exitCode ?? 1;
  }
  if (options.abortOnContainerExit && firstExit) return firstExit.exitCode ?? 0;
  return 0;
}

/** Stops dependents first, each with its stop_grace_period; a second Ctrl-C (or SIGTERM) kills what is left. */
async function stopGracefully(session: { readonly project: Project; readonly engine: Engine }, services: readonly string[], onProgress: OnContainerProgress): Promise<void> {
  let force: () => void = () => undefined;
  const forced = new Promise<"forced">((resolve) => (force = () => resolve("forced")));
  process.once("SIGINT", force);
  process.once("SIGTERM", force);
  try {
    const stopping = stopServices(session, services, { onProgress });
    if ((await Promise.race([stopping.then(() => "stopped" as const), forced])) === "forced") {
      process.stderr.write("forcing: killing the containers\n");
      await killServices(session, services, { signal: "SIGKILL", onProgress });
      await stopping.catch(() => undefined);
    }
  } finally {
    process.off("SIGINT", force);
    process.off("SIGTERM", force);
  }
}
