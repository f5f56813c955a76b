/**
 * How a container's live settings (restart policy and limits, read from its
 * inspected HostConfig) differ from what the file asks for, and whether the
 * engine's update endpoint can close the gap. Pure.
 *
 * The engine's update endpoint reads `0` as "leave as is" for memory, CPU
 * and reservation fields, so a limit that the file no longer sets cannot
 * be lifted in place: that takes a recreate. A pids limit is lifted with
 * `-1`. A new memory limit is sent with its swap limit (the file's, or
 * twice the memory, as a create would set it), because the engine refuses a
 * memory limit above the current swap limit.
 */
import type { ContainerUpdate, LiveSettings } from "../../../docker-api/types.js";
import { type DesiredLiveSettings, defaultSwapFor } from "../spec/live-settings.js";

/** What the live settings need. */
export type LiveChange =
  | { readonly kind: "same" }
  | { readonly kind: "update"; readonly update: ContainerUpdate; readonly fields: readonly string[] }
  | { readonly kind: "recreate"; readonly cause: string };

type NumericField = "memoryBytes" | "memoryReservationBytes" | "nanoCpus" | "cpuShares" | "pidsLimit";

/** Numeric fields, in the order a cause names them; `liftable`: `-1` lifts the limit in place. */
const NUMERIC_FIELDS: readonly { readonly key: NumericField; readonly label: string; readonly liftable: boolean }[] = [
  { key: "memoryBytes", label: "memory limit", liftable: false },
  { key: "memoryReservationBytes", label: "memory reservation", liftable: false },
  { key: "nanoCpus", label: "cpus", liftable: false },
  { key: "cpuShares", label: "cpu shares", liftable: false },
  { key: "pidsLimit", label: "pids limit", liftable: true },
];

/** Compares; `live` absent (a list answer, not an inspect): nothing is known, nothing changes. */
export function liveChange(desired: DesiredLiveSettings, live: LiveSettings | undefined): LiveChange {
  if (!live) return { kind: "same" };
  const update: { -readonly [K in keyof ContainerUpdate]: ContainerUpdate[K] } = {};
  const fields: string[] = [];
  if (desired.restartPolicy.name !== live.restartPolicy.name || desired.restartPolicy.maximumRetryCount !== live.restartPolicy.maximumRetryCount) {
    update.restartPolicy = desired.restartPolicy;
    fields.push("restart policy");
  }
  for (const { key, label, liftable } of NUMERIC_FIELDS) {
    if (desired[key] === live[key]) continue;
    if (desired[key] === 0 && !liftable) return { kind: "recreate", cause: `${label} removed (the engine cannot lift it in place)` };
    update[key] = desired[key] === 0 ? -1 : desired[key];
    fields.push(label);
  }
  if (desired.memorySwapBytes !== undefined && desired.memorySwapBytes !== live.memorySwapBytes) {
    update.memorySwapBytes = desired.memorySwapBytes;
    fields.push("memory swap limit");
  } else if (update.memoryBytes !== undefined) {
    update.memorySwapBytes = desired.memorySwapBytes ?? defaultSwapFor(update.memoryBytes);
  }
  if (desired.cpusetCpus !== live.cpusetCpus) {
    if (desired.cpusetCpus === "") return { kind: "recreate", cause: "cpuset removed (the engine cannot lift it in place)" };
    update.cpusetCpus = desired.cpusetCpus;
    fields.push("cpuset");
  }
  return fields.length === 0 ? { kind: "same" } : { kind: "update", update, fields };
}

/** `restart policy, memory limit changed` (the plan line already says "in place"). */
export function inPlaceCause(fields: readonly string[]): string {
  return `${fields.join(", ")} changed`;
}
