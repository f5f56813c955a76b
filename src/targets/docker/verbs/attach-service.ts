/**
 * `tsd attach SERVICE`: the user's streams joined to a running replica's
 * main process, as `docker attach` does, until the process stops or the
 * user types the detach keys (the process keeps running). And `tsd diff`:
 * the replica's filesystem changes against its image.
 */
import { DetachKeyFilter, parseDetachKeys } from "../../../base/detach-keys.js";
import { UsageError } from "../../../base/errors.js";
import type { Engine } from "../../../docker-api/engine.js";
import type { AttachedStreams } from "../../../docker-api/operations/inside.js";
import type { FilesystemChange } from "../../../docker-api/operations/objects.js";
import type { Project } from "../../../project/project.js";
import { oneServiceContainer } from "./containers.js";

/** Which replica, and how. */
export interface AttachRequest {
  readonly service: string;
  /** Replica, from 1. */
  readonly index: number;
  /** Relay our stdin (Compose's default; `--no-stdin` turns it off). */
  readonly stdin: boolean;
  /** `ctrl-p,ctrl-q` and the like. */
  readonly detachKeys: string;
}

/** How an attachment ended. */
export interface AttachOutcome {
  readonly container: string;
  /** `detached`: the user typed the detach keys; `stopped`: the process ended. */
  readonly ending: "detached" | "stopped";
  /** The container's state afterwards (`running` after a detach). */
  readonly state: string;
  readonly exitCode: number;
}

/** Attaches until the process stops or the detach keys arrive. */
export async function attachToService(engine: Engine, project: Project, request: AttachRequest, streams: AttachedStreams): Promise<AttachOutcome> {
  const keys = parseDetachKeys(request.detachKeys);
  const container = await oneServiceContainer(engine, project, request.service, request.index);
  if (container.state !== "running") {
    throw new UsageError(`service ${request.service} is not running (container ${container.name} is ${container.state})`, "start it with `tsd start` or `tsd up`");
  }
  const detach = new AbortController();
  let stdin: NodeJS.ReadableStream | undefined;
  if (request.stdin && streams.stdin) {
    const filter = new DetachKeyFilter(keys, () => detach.abort());
    streams.stdin.pipe(filter);
    stdin = filter;
  }
  await engine.attachContainer(container.id, { stdout: streams.stdout, stderr: streams.stderr, ...(stdin ? { stdin } : {}), ...(streams.terminal ? { terminal: streams.terminal } : {}) }, { signal: detach.signal, detachKeys: request.detachKeys });
  const after = await engine.inspectContainer(container.id);
  return {
    container: container.name,
    // On a TTY the engine may see the keys first and end the stream itself: a process still running was detached from.
    ending: detach.signal.aborted || after?.state === "running" ? "detached" : "stopped",
    state: after?.state ?? "removed",
    exitCode: after?.exitCode ?? 0,
  };
}

/** `tsd diff SERVICE`: what changed in the replica's filesystem (A added, C changed, D deleted). */
export async function serviceChanges(engine: Engine, project: Project, service: string, index: number): Promise<FilesystemChange[]> {
  const container = await oneServiceContainer(engine, project, service, index);
  return engine.containerChanges(container.id);
}
