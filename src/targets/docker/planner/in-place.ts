/**
 * Changes applied to a container in place instead of by a recreate: a new
 * `container_name` is a rename, a change of restart policy or limits (see
 * live-change.ts) is one call of the engine's update endpoint. Both keep the
 * container's ID, its process and its StartedAt.
 *
 * Neither can rewrite the container's labels, so neither setting is in the
 * config hash: the name is compared with the container's name and the
 * limits with its inspected HostConfig (config-hash.ts). After an in-place
 * change, the labels still match the file, and the next plan is empty.
 */
import type { ContainerSpec, ObservedContainer } from "../../../docker-api/types.js";
import type { PlanBuilder } from "../../../plan/builder.js";
import type { Service } from "../../../stack/model.js";
import type { DockerOperation } from "../operations.js";
import { desiredLiveSettings } from "../spec/live-settings.js";
import type { ContainerDecision } from "./container-decision.js";
import { inPlaceCause, type LiveChange, liveChange } from "./live-change.js";

/** What a kept (or merely started) container needs in place. */
export interface InPlaceChanges {
  readonly decision: ContainerDecision;
  /** The container's name differs from the file's. */
  readonly rename: boolean;
  readonly update?: Extract<LiveChange, { kind: "update" }>;
}

/**
 * Refines a keep / start decision: a change that cannot be made in place
 * turns it into a recreate with its cause (unless `--no-recreate`).
 */
export function decideInPlace(decision: ContainerDecision, current: ObservedContainer | undefined, service: Service, name: string, noRecreate: boolean): InPlaceChanges {
  if (!current || (decision.action !== "keep" && decision.action !== "start")) return { decision, rename: false };
  const rename = current.name !== name;
  const change = liveChange(desiredLiveSettings(service), current.live);
  const recreate = (cause: string): InPlaceChanges => (noRecreate ? { decision, rename: false } : { decision: { action: "recreate", cause }, rename: false });
  // Without the default bridge, tsd writes link variables that name the container itself.
  if (rename && service.links.length > 0) return recreate("container_name changed (link variables name the container)");
  if (change.kind === "recreate") return recreate(change.cause);
  return { decision, rename, ...(change.kind === "update" ? { update: change } : {}) };
}

/** What a fallback recreate needs: the spec to create and whether to start it. */
export interface Fallback {
  readonly spec: ContainerSpec;
  readonly start: boolean;
}

/** Adds the rename and update nodes; returns the last one's id (none: nothing to do in place). */
export function addInPlaceNodes(
  builder: PlanBuilder<DockerOperation>,
  subject: { readonly kind: "service"; readonly key: string },
  current: ObservedContainer,
  changes: InPlaceChanges,
  fallback: Fallback,
): string | undefined {
  const name = fallback.spec.name;
  const rename = changes.rename
    ? builder.add({ kind: "rename-container", name: current.name, newName: name }, subject, "container_name changed")
    : undefined;
  if (!changes.update) return rename;
  return builder.add({ kind: "update-container", name, update: changes.update.update, fallback }, subject, inPlaceCause(changes.update.fields), [rename]);
}
