/**
 * A data container exists to hold its volumes. When its definition changes,
 * the recreate carries every anonymous volume whose path is still declared;
 * one whose path is no longer declared would be left behind, unmounted, its
 * data out of reach. tsd refuses that recreate rather than drop the data
 * silently: the user decides (put the path back, or remove the data on purpose).
 */
import type { ObservedContainer } from "../../../docker-api/types.js";
import { UsageError } from "../../../base/errors.js";
import type { DataContainer } from "../../../stack/model.js";
import { anonymousVolumesOf } from "./observed-containers.js";

/** Throws when recreating `existing` as `dataContainer` would stop mounting one of its anonymous volumes. */
export function refuseDroppedDataVolumes(key: string, existing: ObservedContainer, dataContainer: DataContainer): void {
  const declared = new Set(dataContainer.volumes.map((mount) => mount.target));
  const dropped = Object.entries(anonymousVolumesOf(existing)).filter(([target]) => !declared.has(target));
  if (dropped.length === 0) return;
  const paths = dropped.map(([target, volume]) => `${target} (volume ${volume.slice(0, 12)})`).join(", ");
  throw new UsageError(
    `data container ${key}: its new definition no longer mounts ${paths}, which holds its data; tsd will not recreate it and leave the data behind`,
    `keep the path in data_containers.${key}.volumes (add the new one beside it), or drop the data on purpose: ` +
      `docker rm -v ${existing.name} (or tsd down -v for the whole stack), then tsd up`,
  );
}
