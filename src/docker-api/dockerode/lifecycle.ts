/**
 * The lifecycle verbs' engine calls on the Docker Engine API: pause,
 * unpause, restart. Failures are worded by the client (`toEngineError`).
 */
import type { EngineClient } from "./client.js";

/** `POST /containers/{id}/pause`. */
export async function pauseContainer(client: EngineClient, id: string): Promise<void> {
  await client.call(`pause container "${id}"`, (docker) => docker.getContainer(id).pause());
}

/** `POST /containers/{id}/unpause`. */
export async function unpauseContainer(client: EngineClient, id: string): Promise<void> {
  await client.call(`unpause container "${id}"`, (docker) => docker.getContainer(id).unpause());
}

/** `POST /containers/{id}/restart?t=`; without `t` the engine uses the container's StopTimeout (else 10 s). */
export async function restartContainer(client: EngineClient, id: string, timeoutSeconds?: number): Promise<void> {
  await client.call(`restart container "${id}"`, (docker) =>
    docker.getContainer(id).restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds }),
  );
}
