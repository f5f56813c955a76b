/**
 * One read pass over the engine: everything the planner needs to know about
 * what exists, gathered in parallel, then handed over as a plain value.
 */
import type { Engine } from "../../docker-api/engine.js";
import { LABEL_KIND, LABEL_LIVE_SETTINGS, LABEL_PROJECT, LABEL_PROJECT_DIR, LABEL_PROJECT_ID, LABEL_SERVICE } from "../../base/labels.js";
import type { ObservedContainer, ObservedImage, ObservedNetwork, ObservedVolume } from "../../docker-api/types.js";
import type { Stack } from "../../stack/model.js";
import { serviceImage } from "../../stack/names.js";
import { containersChangedByHand } from "./changed-by-hand.js";
import { liveSettingsHash } from "./spec/live-settings.js";

/** What the engine holds that concerns one project. */
export interface ObservedState {
  /** Containers carrying this project's name and identity. */
  readonly containers: readonly ObservedContainer[];
  /** Containers with this project's name from another folder: never touched. */
  readonly foreignDirectories: readonly string[];
  /** The stack's networks and volumes by engine name, whoever made them. */
  readonly networks: Readonly<Record<string, ObservedNetwork>>;
  readonly volumes: Readonly<Record<string, ObservedVolume>>;
  /** Images the stack's services and data containers use, by reference; absent when not present. */
  readonly images: Readonly<Record<string, ObservedImage>>;
}

/** Reads what the planner needs, in one parallel pass. */
export async function observe(engine: Engine, stack: Stack): Promise<ObservedState> {
  const networkNames = Object.values(stack.networks).map((network) => network.name);
  const volumeNames = Object.values(stack.volumes).map((volume) => volume.name);
  const imageReferences = [
    ...new Set([
      ...Object.keys(stack.services).map((key) => serviceImage(stack, key)),
      ...Object.values(stack.dataContainers).map((dataContainer) => dataContainer.image),
    ]),
  ].sort();
  const [named, networks, volumes, images] = await Promise.all([
    engine.listContainers({ [LABEL_PROJECT]: stack.name }),
    Promise.all(networkNames.map((name) => engine.inspectNetwork(name))),
    Promise.all(volumeNames.map((name) => engine.inspectVolume(name))),
    Promise.all(imageReferences.map((reference) => engine.inspectImage(reference))),
  ]);
  const ours = await withLiveSettings(engine, stack, named.filter((container) => container.labels[LABEL_PROJECT_ID] === stack.projectId));
  const foreign = named.filter((container) => container.labels[LABEL_PROJECT_ID] !== stack.projectId);
  return {
    containers: ours.sort((a, b) => a.name.localeCompare(b.name)),
    foreignDirectories: [...new Set(foreign.map((container) => container.labels[LABEL_PROJECT_DIR] ?? "(unknown folder)"))].sort(),
    networks: byName(networks),
    volumes: byName(volumes),
    images: Object.fromEntries(
      imageReferences.flatMap((reference, index) => (images[index] ? [[reference, images[index]]] : [])),
    ),
  };
}

/**
 * The list answer has no HostConfig limits, which the planner compares with
 * the file to change them in place. A service's container carries the hash
 * of the live settings it was created with: when that is the file's hash
 * and `tsd update` has not changed it since, its settings are the file's and
 * it is not inspected (a no-op `up` makes the floor's calls, not one more
 * per container). The others (a live field edited in the file, a container
 * changed with `tsd update`, one made by an older tsd) are inspected, in
 * parallel. A container gone between list and inspect is left out, as if
 * never listed.
 */
async function withLiveSettings(engine: Engine, stack: Stack, containers: readonly ObservedContainer[]): Promise<ObservedContainer[]> {
  const wanted = new Map(Object.entries(stack.services).map(([key, service]) => [key, liveSettingsHash(service)]));
  const changedByHand = containersChangedByHand(stack.projectId);
  // Only a service's containers are changed in place.
  const mayDiffer = (container: ObservedContainer): boolean => {
    if (container.labels[LABEL_KIND] !== "service") return false;
    const hash = container.labels[LABEL_LIVE_SETTINGS];
    return hash === undefined || hash !== wanted.get(container.labels[LABEL_SERVICE] ?? "") || changedByHand.has(container.id);
  };
  const inspected = await Promise.all(containers.map(async (container) => ({ container, details: mayDiffer(container) ? await engine.inspectContainer(container.id) : container })));
  return inspected.flatMap(({ container, details }) => (details ? [{ ...container, ...(details.live ? { live: details.live } : {}) }] : []));
}

function byName<T extends { readonly name: string }>(items: readonly (T | undefined)[]): Record<string, T> {
  return Object.fromEntries(items.filter((item): item is T => item !== undefined).map((item) => [item.name, item]));
}
