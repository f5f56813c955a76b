/**
 * What a service's containers should have of the settings the engine's
 * update endpoint changes on a live container (restart policy, memory,
 * CPU and pids limits), in the engine's terms: the values a fresh create
 * would show in `docker inspect`. These settings are not in the config
 * hash (config-hash.ts); the planner compares them with the inspected
 * HostConfig instead, so a change in the file and a drift made with
 * `tsd update` / `docker update` are both seen, and both applied in place.
 */
import type { LiveSettings } from "../../../docker-api/types.js";
import type { Service } from "../../../stack/model.js";
import { configHash } from "./canonical-json.js";
import { restartPolicy } from "./host-config.js";

/** The desired live settings; `memorySwapBytes` only when the file sets it (otherwise the engine derives it). */
export type DesiredLiveSettings = Omit<LiveSettings, "memorySwapBytes" | "blkioWeight"> & { readonly memorySwapBytes?: number };

/** A service's live settings as the file asks for them; `0` / `""`: not set. */
export function desiredLiveSettings(service: Service): DesiredLiveSettings {
  const { resources } = service;
  const swap = resources.memswapLimit;
  return {
    restartPolicy: restartPolicy(service.restart),
    memoryBytes: resources.memLimit ?? 0,
    ...(swap !== undefined && swap !== 0 ? { memorySwapBytes: swap } : {}),
    memoryReservationBytes: resources.memReservation ?? 0,
    // As host-config.ts sends it: billionths of a CPU, rounded.
    nanoCpus: resources.cpus === undefined ? 0 : Math.round(resources.cpus * 1e9),
    cpuShares: resources.cpuShares ?? 0,
    cpusetCpus: resources.cpuset ?? "",
    // The file's -1 ("unlimited") reads as the engine's 0.
    pidsLimit: Math.max(0, resources.pidsLimit ?? 0),
  };
}

/** The engine's default swap limit for a memory limit set without one: twice the memory. */
export function defaultSwapFor(memoryBytes: number): number {
  return memoryBytes * 2;
}

/**
 * The hash a service's containers carry of the live settings they were
 * created with. A container whose label equals the file's hash has, unless
 * changed since behind the file (`tsd update` records those), the settings
 * the file asks for: `up` need not inspect it.
 */
export function liveSettingsHash(service: Service): string {
  return configHash(desiredLiveSettings(service));
}
