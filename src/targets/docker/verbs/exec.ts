/**
 * `tsd exec`: a command in a service's running container, attached (exit
 * code returned) or detached.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { AttachedStreams, ExecSpec } from "../../../docker-api/operations/inside.js";
import { UsageError } from "../../../base/errors.js";
import type { Project } from "../../../project/project.js";
import { oneServiceContainer } from "./containers.js";

/** What to run where. */
export interface ExecRequest {
  readonly service: string;
  /** Replica, from 1. */
  readonly index: number;
  readonly spec: ExecSpec;
  readonly detach: boolean;
}

/** Runs the command; returns its exit code (0 for a detached one, which is not waited for). */
export async function execInService(engine: Engine, project: Project, request: ExecRequest, streams: AttachedStreams): Promise<number> {
  if (request.spec.cmd.length === 0) throw new UsageError("tsd exec needs a command to run", "e.g. tsd exec web sh");
  const container = await oneServiceContainer(engine, project, request.service, request.index);
  if (container.state !== "running") {
    throw new UsageError(`service ${request.service} is not running (container ${container.name} is ${container.state})`, "start it with `tsd start` or `tsd up`");
  }
  if (request.detach) {
    await engine.execDetached(container.id, request.spec);
    return 0;
  }
  return engine.execAttached(container.id, request.spec, streams);
}
