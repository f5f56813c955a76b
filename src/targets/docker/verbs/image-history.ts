/**
 * `tsd history SERVICE|IMAGE` and the dashboard's layers pane: the steps an
 * image was built from, newest first, as `docker history` lists them. A
 * service or data container name stands for the image it runs (the one `up`
 * would use); anything else is taken as an image reference.
 */
import { UsageError } from "../../../base/errors.js";
import type { Engine } from "../../../docker-api/engine.js";
import type { ImageLayer } from "../../../docker-api/operations/monitoring.js";
import type { Project } from "../../../project/project.js";
import { serviceImage } from "../../../stack/names.js";

export type { ImageLayer } from "../../../docker-api/operations/monitoring.js";

/** One image's history. */
export interface ImageHistory {
  /** The reference read: the service's image, or what the user wrote. */
  readonly reference: string;
  /** The service or data container the reference came from, if it came from one. */
  readonly service?: string;
  /** Newest first. */
  readonly layers: readonly ImageLayer[];
}

/** The image reference a name stands for in the project, and the service it came from. */
export function resolveImageSubject(project: Project, subject: string): { readonly reference: string; readonly service?: string } {
  const { stack } = project;
  if (stack.services[subject]) return { reference: serviceImage(stack, subject), service: subject };
  const dataContainer = stack.dataContainers[subject];
  if (dataContainer) return { reference: dataContainer.image, service: subject };
  return { reference: subject };
}

/** The history of the image `subject` names; a usage error when that image is not present. */
export async function imageHistory(engine: Engine, project: Project, subject: string): Promise<ImageHistory> {
  const { reference, service } = resolveImageSubject(project, subject);
  const layers = await engine.imageHistory(reference);
  if (layers === undefined) {
    const what = service === undefined ? `image "${reference}"` : `image "${reference}" of service "${service}"`;
    throw new UsageError(`${what} is not present on the engine`, service === undefined ? "pull or build it first" : `build or pull it first: tsd build ${service} (or tsd pull ${service})`);
  }
  return { reference, ...(service === undefined ? {} : { service }), layers };
}
