/**
 * `tsd stats` (streaming): a sample stream per running container, and one
 * more for each selected container that starts later, as `docker stats`
 * adds containers that start. Runs until the signal aborts.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import type { Project } from "../../../project/project.js";
import { containerStarts } from "./container-starts.js";
import { type ContainerUsage, containerUsage } from "./container-usage.js";

/** One container's figures, as `tsd stats` shows them. */
export interface ContainerStatsRow extends ContainerUsage {
  readonly id: string;
  readonly name: string;
}

/** `row` undefined: the container stopped (its stream ended). */
export type OnStatsSample = (containerId: string, row: ContainerStatsRow | undefined) => void;

/** Streams `running`, then every later start of the services' containers, until `signal` aborts. */
export async function followStats(engine: Engine, project: Project, services: readonly string[], running: readonly ObservedContainer[], signal: AbortSignal, onSample: OnStatsSample): Promise<void> {
  const streaming = new Set<string>();
  const streams: Promise<void>[] = [];
  const stream = (container: ObservedContainer): void => {
    if (streaming.has(container.id)) return;
    streaming.add(container.id);
    streams.push(
      (async () => {
        try {
          for await (const sample of engine.streamContainerStats(container.id, signal)) onSample(container.id, { id: container.id, name: container.name, ...containerUsage(sample) });
        } catch {
          // A container removed mid-stream simply leaves the table.
        } finally {
          streaming.delete(container.id);
          onSample(container.id, undefined);
        }
      })(),
    );
  };
  running.forEach(stream);
  const since = Date.now() / 1000;
  try {
    for await (const start of containerStarts(engine, project, { services }, since, signal)) stream(start.container);
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  await Promise.all(streams);
}
