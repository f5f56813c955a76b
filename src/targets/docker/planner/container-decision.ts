/**
 * For one desired container and what runs now: leave it, start it, create it
 * or recreate it, and say why. Pure and small, so the rules read in one place.
 */
import { LABEL_CONFIG, LABEL_CONFIG_HASH } from "../../../base/labels.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import { changedFields } from "../spec/config-hash.js";

/** What to do with one container. */
export type ContainerDecision =
  | { readonly action: "create"; readonly cause: string }
  | { readonly action: "recreate"; readonly cause: string }
  | { readonly action: "start"; readonly cause: string }
  | { readonly action: "keep" };

/** Everything besides the container itself that can force a recreate. */
export interface RecreateReasons {
  readonly forceRecreate: boolean;
  readonly noRecreate: boolean;
  /** The image the container should run now, when known (`sha256:…`). */
  readonly currentImageId?: string;
  /** The service's image is rebuilt or pulled in this plan. */
  readonly imageRefreshed?: string;
  /** A container this one shares a namespace or volumes with is recreated. */
  readonly sharedRecreated?: string;
  /** `true` for containers that, once exited 0, count as done (one-shots, data containers). */
  readonly completesOnce: boolean;
}

/** Decides what to do with `existing` so it matches a spec whose config hash is `hash`. */
export function decideContainer(existing: ObservedContainer | undefined, hash: string, configJson: string, reasons: RecreateReasons): ContainerDecision {
  if (!existing) return { action: "create", cause: "not found" };
  const recreateCause = recreateReason(existing, hash, configJson, reasons);
  if (recreateCause !== undefined && !reasons.noRecreate) return { action: "recreate", cause: recreateCause };
  if (existing.state === "running" || existing.state === "restarting" || existing.state === "paused") return { action: "keep" };
  if (reasons.completesOnce && existing.state === "exited" && existing.exitCode === 0) return { action: "keep" };
  const status = existing.state === "exited" ? `exited ${existing.exitCode}` : existing.state;
  return { action: "start", cause: `not running (${status})` };
}

function recreateReason(existing: ObservedContainer, hash: string, configJson: string, reasons: RecreateReasons): string | undefined {
  if (reasons.forceRecreate) return "--force-recreate";
  if (existing.labels[LABEL_CONFIG_HASH] !== hash) return configChange(existing.labels[LABEL_CONFIG], configJson);
  if (reasons.imageRefreshed) return reasons.imageRefreshed;
  if (reasons.currentImageId && existing.imageId !== reasons.currentImageId) return "image changed";
  if (reasons.sharedRecreated) return reasons.sharedRecreated;
  return undefined;
}

/** `environment.API_URL changed`, or the best that can be said without the old spec. */
function configChange(previousJson: string | undefined, nextJson: string): string {
  if (previousJson === undefined) return "config changed (created by another tsd version)";
  let previous: unknown;
  try {
    previous = JSON.parse(previousJson);
  } catch {
    return "config changed";
  }
  const fields = changedFields(previous, JSON.parse(nextJson));
  if (fields.length === 0) return "config changed";
  const shown = fields.slice(0, 4).join(", ");
  return `${shown}${fields.length > 4 ? ` and ${fields.length - 4} more` : ""} changed`;
}
