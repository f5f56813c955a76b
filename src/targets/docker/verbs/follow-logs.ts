/**
 * `tsd logs -f`: the containers running when it began, and every selected
 * container that starts afterwards (a new replica from the start of its
 * output; a restarted one from its restart, so nothing is shown twice).
 * It ends when the user stops it, or when every followed stream has ended
 * and, a moment later, no selected container is running, restarting, or in
 * the middle of a recreate (the old one parked, the new one created but not
 * yet started): a recreate stops the old container before it starts the new.
 */
import type { Clock } from "../../../base/clock.js";
import type { Engine, LogOptions } from "../../../docker-api/engine.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import type { Project } from "../../../project/project.js";
import { type ContainerSelection, containerStarts, inSelection } from "./container-starts.js";
import { serviceContainerFilter } from "./containers.js";
import { type LogLine, readLogLines } from "./logs.js";

/** How long after the last stream ended tsd looks again before ending (a recreate's stop → start). */
export const FOLLOW_SETTLE_MS = 1_000;

/** The name a recreate parks the old container under while it makes the new one (plan-up.ts). */
const PARKED = /^[0-9a-f]{12}_/;

/** What a follow needs besides the containers to start with. */
export interface FollowScope {
  readonly engine: Engine;
  readonly project: Project;
  readonly selection: ContainerSelection;
  readonly clock: Clock;
}

/** Follows `initial` and later starts; resolves when it ends (see the module comment). */
export async function followLogs(scope: FollowScope, initial: readonly ObservedContainer[], options: LogOptions, onLine: (line: LogLine) => void): Promise<void> {
  const { engine, clock } = scope;
  const stop = new AbortController();
  const abort = (): void => stop.abort();
  options.signal?.addEventListener("abort", abort, { once: true });
  const active = new Set<string>();
  const seen = new Set<string>();
  let ended: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (ended = resolve));
  const streamOptions = { follow: true, timestamps: options.timestamps, signal: stop.signal, ...(options.until !== undefined ? { until: options.until } : {}) };
  const follow = (container: ObservedContainer, from: Omit<LogOptions, "follow" | "timestamps">): void => {
    if (active.has(container.id) || stop.signal.aborted) return;
    active.add(container.id);
    seen.add(container.id);
    readLogLines(engine, [container], { ...streamOptions, ...from }, onLine)
      .catch(() => undefined)
      .finally(() => {
        active.delete(container.id);
        if (active.size === 0) void settle();
      });
  };
  const settle = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      await clock.sleep(FOLLOW_SETTLE_MS, stop.signal).catch(() => undefined);
      if (active.size > 0 || stop.signal.aborted) return;
      const selected = (await engine.listContainers(serviceContainerFilter(scope.project))).filter((container) => inSelection(container.labels, scope.selection));
      for (const container of selected.filter((candidate) => candidate.state === "running")) follow(container, { since: clock.now() / 1000 });
      if (active.size > 0) return;
      // A recreate under way (the old container parked, the new one created, not yet started): look again.
      if (!selected.some((container) => container.state === "created" || container.state === "restarting" || PARKED.test(container.name))) break;
    }
    stop.abort();
    ended();
  };
  const { tail, since } = options;
  const since0 = clock.now() / 1000;
  for (const container of initial) follow(container, { ...(tail !== undefined ? { tail } : {}), ...(since !== undefined ? { since } : {}) });
  if (initial.length === 0) void settle();
  const starts = (async () => {
    for await (const start of containerStarts(engine, scope.project, scope.selection, since0, stop.signal)) {
      // A new container from its first line; one seen before from its restart.
      follow(start.container, seen.has(start.container.id) ? { since: start.at } : {});
    }
  })().catch(() => undefined);
  await finished;
  options.signal?.removeEventListener("abort", abort);
  await starts;
}
