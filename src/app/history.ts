/**
 * `tsd history SERVICE|IMAGE` and the layers of every image in the stack
 * (the dashboard's layers pane, after ImageLayers): each image's build steps
 * with their sizes, and which layers images of the stack share. Two images
 * share a layer when they share it and everything below it: the same chain
 * of steps from the base up, as the engine stacks them.
 */
import type { ImageHistory, ImageLayer } from "../targets/docker/verbs/image-history.js";
import { resolveImageSubject } from "../targets/docker/verbs/image-history.js";
import { containerVerbs } from "./containers.js";
import type { StackContext } from "./context.js";

export type { ImageHistory, ImageLayer } from "../targets/docker/verbs/image-history.js";

/** A layer of a stack image, with the other images of the stack that share it. */
export interface StackLayer extends ImageLayer {
  /** References of the other images (by image ID distinct from this one) built on this same layer. */
  readonly sharedWith: readonly string[];
}

/** One image the stack uses, with its layers (newest first), or why there are none. */
export interface StackImage {
  readonly reference: string;
  /** Services and data containers that run it, sorted. */
  readonly services: readonly string[];
  /** Absent when the image is not present on the engine (not built or pulled yet). */
  readonly layers?: readonly StackLayer[];
  readonly totalBytes: number;
}

/** `tsd history`: one image's steps. */
export async function imageHistory(context: StackContext, subject: string): Promise<ImageHistory> {
  const verbs = await containerVerbs(context, "history");
  return verbs.history(context.project, subject);
}

/** Every image the stack's services and data containers run, by reference, with shared layers marked. */
export async function stackLayers(context: StackContext): Promise<readonly StackImage[]> {
  const verbs = await containerVerbs(context, "history");
  const { stack } = context.project;
  const byReference = new Map<string, string[]>();
  for (const name of [...Object.keys(stack.services), ...Object.keys(stack.dataContainers)].sort()) {
    const { reference } = resolveImageSubject(context.project, name);
    byReference.set(reference, [...(byReference.get(reference) ?? []), name]);
  }
  const histories = await Promise.all(
    [...byReference.keys()].sort().map(async (reference) => ({
      reference,
      layers: await verbs.history(context.project, reference).then(
        (history) => history.layers,
        () => undefined,
      ),
    })),
  );
  return markSharedLayers(histories).map((image) => ({ ...image, services: byReference.get(image.reference) ?? [] }));
}

/** Marks, on each image's layers, the other images built on the same chain of steps. Pure. */
export function markSharedLayers(images: readonly { readonly reference: string; readonly layers: readonly ImageLayer[] | undefined }[]): Omit<StackImage, "services">[] {
  const chains = images.map((image) => chainKeys(image.layers ?? []));
  const holders = new Map<string, Set<string>>();
  images.forEach((image, index) => {
    const identity = imageIdentity(image.layers ?? [], image.reference);
    for (const key of chains[index] ?? []) holders.set(key, (holders.get(key) ?? new Set()).add(`${identity}\0${image.reference}`));
  });
  return images.map((image, index) => {
    if (image.layers === undefined) return { reference: image.reference, totalBytes: 0 };
    const identity = imageIdentity(image.layers, image.reference);
    const keys = chains[index] ?? [];
    const layers = image.layers.map((layer, position) => {
      const others = [...(holders.get(keys[position] ?? "") ?? [])].map((entry) => entry.split("\0") as [string, string]).filter(([id]) => id !== identity);
      return { ...layer, sharedWith: [...new Set(others.map(([, reference]) => reference))].sort() };
    });
    return { reference: image.reference, layers, totalBytes: image.layers.reduce((sum, layer) => sum + layer.sizeBytes, 0) };
  });
}

/** The image's own ID (its newest step), or its reference for an image without one. */
function imageIdentity(layers: readonly ImageLayer[], reference: string): string {
  const top = layers[0]?.id;
  return top && top !== "<missing>" ? top : reference;
}

/** One key per layer (newest first, as the layers are), naming the whole chain of steps from the base up to it. */
function chainKeys(layers: readonly ImageLayer[]): string[] {
  const keys: string[] = [];
  let chain = "";
  for (const layer of [...layers].reverse()) {
    const step = layer.id !== "<missing>" ? layer.id : `${layer.created}|${layer.sizeBytes}|${layer.createdBy}`;
    chain = `${chain}\n${step}`;
    keys.push(chain);
  }
  return keys.reverse();
}
