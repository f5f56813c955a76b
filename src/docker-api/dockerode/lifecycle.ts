/**
 * The lifecycle verbs' engine calls on the Docker Engine API: pause,
 * unpause, restart. Failures are worded by the client (`toEngineError`).
 */
import type { ContainerUpdate } from "../types.js";
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

/** `POST /containers/{id}/update`: only the fields given are sent (the engine reads an absent field as "leave as is"). */
export async function updateContainer(client: EngineClient, id: string, update: ContainerUpdate): Promise<void> {
  const body: Record<string, unknown> = {};
  if (update.restartPolicy) body["RestartPolicy"] = { Name: update.restartPolicy.name, MaximumRetryCount: update.restartPolicy.maximumRetryCount };
  if (update.memoryBytes !== undefined) body["Memory"] = update.memoryBytes;
  if (update.memorySwapBytes !== undefined) body["MemorySwap"] = update.memorySwapBytes;
  if (update.memoryReservationBytes !== undefined) body["MemoryReservation"] = update.memoryReservationBytes;
  if (update.nanoCpus !== undefined) body["NanoCpus"] = update.nanoCpus;
  if (update.cpuShares !== undefined) body["CpuShares"] = update.cpuShares;
  if (update.cpusetCpus !== undefined) body["CpusetCpus"] = update.cpusetCpus;
  if (update.pidsLimit !== undefined) body["PidsLimit"] = update.pidsLimit;
  if (update.blkioWeight !== undefined) body["BlkioWeight"] = update.blkioWeight;
  await client.call(`update container "${id}"`, (docker) => docker.getContainer(id).update(body));
}
