/**
 * Opens the single-engine target on the engine the environment names
 * (DOCKER_HOST, else the default socket): the Docker API adapter's warnings
 * (an unencrypted remote engine, fields an old engine drops) become events.
 * No engine call is made here; the first operation connects.
 */
import { type Clock, systemClock } from "../../base/clock.js";
import { connectDockerEngine } from "../../docker-api/dockerode/connect.js";
import type { EventSink } from "../../events/stack-event.js";
import { DockerTarget } from "./target.js";

/** The Docker target on the engine `environment` points at. */
export function openDockerTarget(environment: Readonly<Record<string, string | undefined>>, emit: EventSink, clock: Clock = systemClock): DockerTarget {
  const engine = connectDockerEngine(environment, { onWarning: (message) => emit({ type: "warning", message, at: clock.now() }) });
  return new DockerTarget(engine, emit, clock);
}
