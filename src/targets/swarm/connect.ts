/**
 * Opens the Swarm target on the engine the environment names (DOCKER_HOST,
 * else the default socket), after checking it is a manager of an active
 * swarm: anything else gets an error saying how to make it one. This is
 * the one engine call made before a use case's own.
 */
import { type Clock, systemClock } from "../../base/clock.js";
import { EngineError } from "../../base/errors.js";
import { connectSwarmEngine } from "../../docker-api/dockerode/connect.js";
import type { SwarmEngine } from "../../docker-api/swarm-engine.js";
import type { EventSink } from "../../events/stack-event.js";
import { SwarmTarget } from "./target.js";

/** Throws unless `engine` is a manager of an active swarm. */
export async function requireManager(engine: SwarmEngine): Promise<void> {
  const membership = await engine.membership();
  if (membership.localNodeState !== "active") {
    throw new EngineError(
      `the engine at ${membership.endpoint} is not part of a swarm (swarm state: ${membership.localNodeState}); --target swarm needs a swarm manager`,
      "make it one with `docker swarm init` (then add nodes with `docker swarm join-token worker`), or point DOCKER_HOST at a manager; docs/swarm.md shows how",
    );
  }
  if (!membership.controlAvailable) {
    throw new EngineError(
      `the engine at ${membership.endpoint} is a swarm worker, not a manager; only a manager deploys services`,
      "point DOCKER_HOST at a manager (`docker node ls` there lists them), or promote this node there with `docker node promote <node>`",
    );
  }
}

/** The Swarm target on the engine `environment` points at. */
export async function openSwarmTarget(
  environment: Readonly<Record<string, string | undefined>>,
  emit: EventSink,
  clock: Clock = systemClock,
  allowUnsupported = false,
): Promise<SwarmTarget> {
  const engine = connectSwarmEngine(environment, { onWarning: (message) => emit({ type: "warning", message, at: clock.now() }) });
  await requireManager(engine);
  return new SwarmTarget(engine, emit, clock, { environment, allowUnsupported });
}
