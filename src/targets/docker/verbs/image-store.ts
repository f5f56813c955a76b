/**
 * The stack's images in the engine's image store: `tsd tag`, `tsd rmi`,
 * `tsd save`, and the stack-free `tsd load` and `tsd import`. A service's
 * image is the one `up` runs (`image:`, else `<project>-<service>` for a
 * build), so these verbs name images the way the stack file does.
 */
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import { access } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { UsageError } from "../../../base/errors.js";
import type { Engine } from "../../../docker-api/engine.js";
import type { ImageRemoval, ImportSpec } from "../../../docker-api/operations/objects.js";
import type { Project } from "../../../project/project.js";
import { servicesInOrder } from "../../../project/services.js";
import { serviceImage } from "../../../stack/names.js";
import { parseImageReference } from "./commit.js";

/** One image of the stack and who runs it. */
export interface StackImage {
  readonly reference: string;
  /** Services and data containers using it, sorted. */
  readonly users: readonly string[];
}

/** What `tsd rmi` did to one image. */
export interface RemovedImage extends ImageRemoval {
  readonly reference: string;
}

/** The images of the services (no service named: also the data containers'), each once, sorted. */
export function stackImages(project: Project, services: readonly string[]): StackImage[] {
  const stack = project.stack;
  const users = new Map<string, string[]>();
  const add = (reference: string, user: string) => users.set(reference, [...(users.get(reference) ?? []), user]);
  for (const service of servicesInOrder(project, services, "dependencies-first")) add(serviceImage(stack, service), service);
  if (services.length === 0) for (const [key, holder] of Object.entries(stack.dataContainers)) add(holder.image, key);
  return [...users.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([reference, names]) => ({ reference, users: [...names].sort() }));
}

/** `tsd tag SERVICE TARGET`: the service's image gets a second name; returns it (`repo:tag`). */
export async function tagServiceImage(engine: Engine, project: Project, service: string, target: string): Promise<string> {
  const [image] = stackImages(project, [service]);
  if (!image) throw new UsageError(`service ${service} has no image`);
  if (!(await engine.inspectImage(image.reference))) throw new UsageError(`service ${service}: image ${image.reference} is not present`, "build or pull it first: tsd build / tsd pull");
  const { repository, tag } = parseImageReference(target);
  await engine.tagImage(image.reference, repository, tag);
  return `${repository}:${tag}`;
}

/** Containers (any project, any state) created from the image, by name. */
async function containersUsing(engine: Engine, imageId: string): Promise<string[]> {
  const containers = await engine.listContainers({});
  return containers.filter((container) => container.imageId === imageId).map((container) => container.name).sort();
}

/**
 * `tsd rmi [SERVICE…]`: removes the stack's images (each name; the image
 * itself once no name is left). An image a container was created from is
 * refused, naming the containers, unless `force`; the refusal comes before
 * anything is removed. Images already absent are skipped.
 */
export async function removeStackImages(engine: Engine, project: Project, services: readonly string[], options: { readonly force: boolean }): Promise<RemovedImage[]> {
  const present = [];
  for (const image of stackImages(project, services)) {
    const observed = await engine.inspectImage(image.reference);
    if (observed) present.push({ ...image, id: observed.id });
  }
  if (!options.force) {
    const refusals: string[] = [];
    for (const image of present) {
      const users = await containersUsing(engine, image.id);
      if (users.length > 0) refusals.push(`image ${image.reference} (${image.users.join(", ")}) is in use by container${users.length === 1 ? "" : "s"} ${users.join(", ")}`);
    }
    if (refusals.length > 0) throw new UsageError(refusals.join("\n"), "remove those containers first (tsd down), or force it with -f");
  }
  const removed: RemovedImage[] = [];
  for (const image of present) removed.push({ reference: image.reference, ...(await engine.deleteImage(image.reference, { force: options.force })) });
  return removed;
}

/**
 * `tsd save`: every image the services need, in one archive (`output`: a
 * file path, or a stream). An image not present is refused before anything
 * is written; a failed write leaves no partial file. Returns the references.
 */
export async function saveStackImages(engine: Engine, project: Project, services: readonly string[], output: string | NodeJS.WritableStream): Promise<string[]> {
  const images = stackImages(project, services);
  const missing = [];
  for (const image of images) if (!(await engine.inspectImage(image.reference))) missing.push(`image ${image.reference} of ${image.users.join(", ")} is not present`);
  if (missing.length > 0) throw new UsageError(missing.join("\n"), "build or pull them first: tsd build / tsd pull");
  const references = images.map((image) => image.reference);
  const archive = await engine.saveImages(references);
  if (typeof output !== "string") {
    await pipeline(archive, output, { end: false });
    return references;
  }
  try {
    await pipeline(archive, createWriteStream(output));
  } catch (error) {
    rmSync(output, { force: true });
    throw error;
  }
  return references;
}

/** An archive to read: a file path, or a stream (stdin). */
function archiveFrom(input: string | NodeJS.ReadableStream): NodeJS.ReadableStream {
  return typeof input === "string" ? createReadStream(input) : input;
}

/** A readable file, checked before the engine sees a request. */
async function checkedInput(input: string | NodeJS.ReadableStream): Promise<NodeJS.ReadableStream> {
  if (typeof input !== "string") return input;
  await access(input).catch(() => {
    throw new UsageError(`cannot read ${input}: no such file`);
  });
  return archiveFrom(input);
}

/** `tsd load`: the engine's `Loaded image: …` lines. */
export async function loadArchive(engine: Engine, input: string | NodeJS.ReadableStream): Promise<string[]> {
  return engine.loadImages(await checkedInput(input));
}

/** `tsd import FILE IMAGE`: the new image's ID. */
export async function importArchive(engine: Engine, input: string | NodeJS.ReadableStream, image: string, options: Pick<ImportSpec, "changes" | "message">): Promise<string> {
  const { repository, tag } = parseImageReference(image);
  return engine.importImage(await checkedInput(input), { repository, tag, ...options });
}
