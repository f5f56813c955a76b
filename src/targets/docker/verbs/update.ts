/**
 * `tsd update`: changes restart policy and limits of the services' existing
 * containers once, in place (the engine's update endpoint, as
 * `docker update`). The file is not changed: `tsd plan` then shows the
 * drift (the planner compares these settings with the inspected
 * HostConfig), and the next `tsd up` puts the file's values back.
 */
import { EngineError, UsageError } from "../../../base/errors.js";
import type { Engine } from "../../../docker-api/engine.js";
import type { ContainerUpdate } from "../../../docker-api/types.js";
import type { Project } from "../../../project/project.js";
import { servicesInOrder } from "../../../project/services.js";
import { parseRestart } from "../../../stack/syntax/service-fields.js";
import { parseByteSize } from "../../../stack/syntax/units.js";
import { recordChangedByHand } from "../changed-by-hand.js";
import { restartPolicy } from "../spec/host-config.js";
import { defaultSwapFor } from "../spec/live-settings.js";
import { containersByService } from "./containers.js";
import type { OnContainerProgress } from "./lifecycle.js";

/** The flags of `tsd update`, as written. */
export interface UpdateFlagValues {
  readonly restart?: string;
  readonly memory?: string;
  readonly memorySwap?: string;
  readonly memoryReservation?: string;
  readonly cpus?: string;
  readonly cpuShares?: string;
  readonly cpusetCpus?: string;
  readonly pidsLimit?: string;
}

function bytes(flag: string, value: string): number {
  // -1: unlimited swap, as docker update takes it.
  if (flag === "--memory-swap" && value.trim() === "-1") return -1;
  const parsed = parseByteSize(value);
  if (parsed === undefined) throw new UsageError(`${flag} ${value}: expected a size such as 256m or 1g`);
  return parsed;
}

function integer(flag: string, value: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) throw new UsageError(`${flag} ${value}: expected a whole number of at least ${minimum}`);
  return parsed;
}

/**
 * The flags → one update request; a usage error for a bad value or for no
 * flag at all. A memory limit without `--memory-swap` is sent with twice its
 * size as swap, as a create sets it (the engine refuses a memory limit above
 * the current swap limit otherwise).
 */
export function parseUpdateFlags(flags: UpdateFlagValues): ContainerUpdate {
  const update: { -readonly [K in keyof ContainerUpdate]: ContainerUpdate[K] } = {};
  if (flags.restart !== undefined) {
    const parsed = parseRestart(flags.restart);
    if (!parsed.ok) throw new UsageError(`--restart: ${parsed.message}`);
    update.restartPolicy = restartPolicy(parsed.value);
  }
  if (flags.memory !== undefined) update.memoryBytes = bytes("--memory", flags.memory);
  if (flags.memorySwap !== undefined) update.memorySwapBytes = bytes("--memory-swap", flags.memorySwap);
  else if (update.memoryBytes !== undefined) update.memorySwapBytes = defaultSwapFor(update.memoryBytes);
  if (flags.memoryReservation !== undefined) update.memoryReservationBytes = bytes("--memory-reservation", flags.memoryReservation);
  if (flags.cpus !== undefined) {
    const cpus = Number(flags.cpus);
    if (!Number.isFinite(cpus) || cpus <= 0) throw new UsageError(`--cpus ${flags.cpus}: expected a positive number of CPUs such as 0.5`);
    update.nanoCpus = Math.round(cpus * 1e9);
  }
  if (flags.cpuShares !== undefined) update.cpuShares = integer("--cpu-shares", flags.cpuShares, 2);
  if (flags.cpusetCpus !== undefined) {
    if (!/^\d+([-,]\d+)*$/.test(flags.cpusetCpus)) throw new UsageError(`--cpuset-cpus ${flags.cpusetCpus}: expected CPUs such as 0-2 or 0,1`);
    update.cpusetCpus = flags.cpusetCpus;
  }
  if (flags.pidsLimit !== undefined) update.pidsLimit = integer("--pids-limit", flags.pidsLimit, -1);
  if (Object.keys(update).length === 0) {
    throw new UsageError("tsd update: nothing to change", "give at least one of --restart, --memory, --memory-swap, --memory-reservation, --cpus, --cpu-shares, --cpuset-cpus, --pids-limit");
  }
  return update;
}

/**
 * Updates every existing container (running or not) of the services, all in
 * parallel: no order matters, nothing restarts. One service's refusal does
 * not stop the others; every refusal is reported at the end.
 */
export async function updateServices(engine: Engine, project: Project, services: readonly string[], update: ContainerUpdate, onProgress: OnContainerProgress): Promise<void> {
  const ordered = servicesInOrder(project, services, "dependencies-first");
  const groups = await containersByService(engine, project, ordered);
  const targets = groups.flatMap((group) => group.containers.map((container) => ({ service: group.service, container })));
  if (targets.length === 0) throw new UsageError(`no containers to update${services.length > 0 ? ` for ${services.join(", ")}` : ""}`, "run tsd up first");
  const results = await Promise.allSettled(
    targets.map(async ({ service, container }) => {
      await engine.updateContainer(container.id, update);
      onProgress({ service, container: container.name, outcome: "Updated" });
    }),
  );
  // Their labels still match the file: the record makes the next plan inspect them and see the drift.
  const updated = targets.filter((_, index) => results[index]?.status === "fulfilled").map(({ container }) => container.id);
  recordChangedByHand(project.stack.projectId, updated);
  const refused = results.flatMap((result, index) => (result.status === "rejected" ? [`${targets[index]?.container.name}: ${messageOf(result.reason)}`] : []));
  if (refused.length > 0) throw new EngineError(`the engine refused the update of ${refused.join("; ")}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
