/**
 * The monitoring calls on the Docker Engine API: top, stats (one sample or a
 * stream), the event stream, and the full inspect answers `tsd inspect` and
 * `tsd images` read. The engine's shapes are mapped into tsd's here.
 */
import type { IncomingMessage } from "node:http";
import type Docker from "dockerode";
import type { EngineEvent, ContainerDetails, ContainerProcesses, ContainerStatsSample, CpuReading, EventFilter, ImageDetails, ImageLayer } from "../operations/monitoring.js";
import { dial, type EngineClient, labelFilters } from "./client.js";
import { toEngineError } from "./engine-errors.js";
import { readJsonLines } from "./json-lines.js";
import { observeContainer } from "./observe.js";

/** `GET /containers/{id}/top`. */
export async function topContainer(client: EngineClient, id: string, psArgs?: string): Promise<ContainerProcesses> {
  const answer = (await client.call(`list the processes of container "${id}"`, (docker) =>
    docker.getContainer(id).top(psArgs === undefined ? {} : { ps_args: psArgs }),
  )) as { Titles?: string[] | null; Processes?: string[][] | null };
  return { titles: answer.Titles ?? [], processes: answer.Processes ?? [] };
}

/** The parts of the engine's stats answer that tsd reads. */
interface RawCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}
interface RawStats {
  read?: string;
  cpu_stats?: RawCpuStats;
  precpu_stats?: RawCpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> | null };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

function cpuReading(raw: RawCpuStats | undefined): CpuReading {
  return {
    totalUsage: raw?.cpu_usage?.total_usage ?? 0,
    systemUsage: raw?.system_cpu_usage ?? 0,
    onlineCpus: raw?.online_cpus ?? 0,
    perCpuUsageCount: raw?.cpu_usage?.percpu_usage?.length ?? 0,
  };
}

/** A stats answer in tsd's terms; every field the engine leaves out (a stopped container) reads as zero. */
function statsSample(raw: RawStats): ContainerStatsSample {
  return {
    readAt: raw.read ?? "",
    cpu: cpuReading(raw.cpu_stats),
    previousCpu: cpuReading(raw.precpu_stats),
    memory: {
      usageBytes: raw.memory_stats?.usage ?? 0,
      limitBytes: raw.memory_stats?.limit ?? 0,
      counters: { ...(raw.memory_stats?.stats ?? {}) },
    },
    networks: Object.fromEntries(
      Object.entries(raw.networks ?? {}).map(([name, counters]) => [name, { rxBytes: counters.rx_bytes ?? 0, txBytes: counters.tx_bytes ?? 0 }]),
    ),
    blockIo: (raw.blkio_stats?.io_service_bytes_recursive ?? []).map((entry) => ({ op: entry.op ?? "", bytes: entry.value ?? 0 })),
    pids: raw.pids_stats?.current ?? 0,
  };
}

/**
 * `GET /containers/{id}/stats?stream=false`: without `one-shot` the engine
 * takes two readings a second apart, so `precpu_stats` holds the first (what
 * `docker stats --no-stream` relies on for its CPU share).
 */
export async function containerStats(client: EngineClient, id: string): Promise<ContainerStatsSample> {
  const raw = (await client.call(`read the stats of container "${id}"`, (docker) => docker.getContainer(id).stats({ stream: false }))) as RawStats;
  return statsSample(raw);
}

/** Opens a streamed GET and reads it as JSON lines. */
async function* jsonStream(client: EngineClient, action: string, path: string, query: Record<string, string>, signal: AbortSignal): AsyncGenerator<string> {
  if (signal.aborted) return;
  const { docker } = await client.connected();
  const response = await client.run(action, () => dial<IncomingMessage>(docker, { path, method: "GET", isStream: true, options: query }));
  yield* readJsonLines(response, signal, (error) => toEngineError(error, client.location, action));
}

/** `GET /containers/{id}/stats?stream=true`: a sample about every second until the container stops. */
export async function* streamContainerStats(client: EngineClient, id: string, signal: AbortSignal): AsyncGenerator<ContainerStatsSample> {
  const action = `read the stats of container "${id}"`;
  for await (const line of jsonStream(client, action, `/containers/${encodeURIComponent(id)}/stats?`, { stream: "true" }, signal)) {
    yield statsSample(JSON.parse(line) as RawStats);
  }
}

/** The parts of an event that tsd reads. */
interface RawEvent {
  Type?: string;
  Action?: string;
  time?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> | null };
}

/**
 * RFC 3339 time of an event with its nanoseconds. `timeNano` is read from the
 * text, because as a JSON number it is beyond a double's exact integers.
 */
function eventTime(line: string, seconds: number): string {
  const nanos = /"timeNano"\s*:\s*(\d+)/.exec(line)?.[1];
  const wholeSeconds = nanos && nanos.length > 9 ? Number(nanos.slice(0, -9)) : seconds;
  const fraction = nanos && nanos.length > 9 ? nanos.slice(-9) : "000000000";
  return new Date(wholeSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`);
}

/** `GET /events` with a label filter on container events, from now until the signal aborts. */
export async function* engineEvents(client: EngineClient, filter: EventFilter, signal: AbortSignal): AsyncGenerator<EngineEvent> {
  // Several `label` filters must all match (the engine ANDs them), which is what a LabelFilter means.
  const filters = JSON.stringify({ ...labelFilters(filter.labels), type: ["container"] });
  const query = { filters, ...(filter.since !== undefined ? { since: filter.since.toFixed(3) } : {}) };
  for await (const line of jsonStream(client, "follow the engine's events", "/events?", query, signal)) {
    const raw = JSON.parse(line) as RawEvent;
    yield {
      time: eventTime(line, raw.time ?? 0),
      type: raw.Type ?? "",
      action: raw.Action ?? "",
      actorId: raw.Actor?.ID ?? "",
      attributes: { ...(raw.Actor?.Attributes ?? {}) },
    };
  }
}

/** `GET /containers/{id}/json`, with what the observer leaves out. */
export async function inspectContainerDetails(client: EngineClient, idOrName: string): Promise<ContainerDetails | undefined> {
  const info = await client.optional(`inspect container "${idOrName}"`, (docker) => docker.getContainer(idOrName).inspect());
  if (!info) return undefined;
  const health = info.State.Health as (Docker.ContainerInspectInfo["State"]["Health"] & { FailingStreak?: number }) | undefined;
  return {
    container: observeContainer(info),
    createdAt: info.Created,
    path: info.Path,
    args: info.Args ?? [],
    oomKilled: info.State.OOMKilled,
    error: info.State.Error,
    healthLog: (health?.Log ?? []).map((probe) => ({ start: probe.Start, end: probe.End, exitCode: probe.ExitCode, output: probe.Output })),
    failingStreak: health?.FailingStreak ?? 0,
  };
}

/** `GET /images/{name}/json`, the parts `tsd images` shows. */
export async function imageDetails(client: EngineClient, reference: string): Promise<ImageDetails | undefined> {
  const info = await client.optional(`inspect image "${reference}"`, (docker) => docker.getImage(reference).inspect());
  if (!info) return undefined;
  return { id: info.Id, repoTags: info.RepoTags ?? [], repoDigests: info.RepoDigests ?? [], sizeBytes: info.Size, createdAt: info.Created };
}

/** The engine's answer to `GET /images/{name}/history`, one entry per step. */
interface HistoryEntry {
  readonly Id: string;
  readonly Created: number;
  readonly CreatedBy?: string;
  readonly Tags?: string[] | null;
  readonly Size: number;
  readonly Comment?: string;
}

/** `GET /images/{name}/history`, newest first; undefined when the image is not present. */
export async function imageHistory(client: EngineClient, reference: string): Promise<readonly ImageLayer[] | undefined> {
  const entries = (await client.optional(`read the history of image "${reference}"`, (docker) => docker.getImage(reference).history())) as HistoryEntry[] | undefined;
  if (!entries) return undefined;
  return entries.map((entry) => ({
    id: entry.Id,
    created: entry.Created,
    createdBy: entry.CreatedBy ?? "",
    sizeBytes: entry.Size,
    comment: entry.Comment ?? "",
    tags: entry.Tags ?? [],
  }));
}
