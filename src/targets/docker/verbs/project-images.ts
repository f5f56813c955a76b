/**
 * `tsd images`: the images the project's containers were created from, one
 * row per container, like `docker compose images`.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { ImageDetails } from "../../../docker-api/operations/monitoring.js";
import type { Project } from "../../../project/project.js";
import { containersByService } from "./containers.js";
import { servicesInOrder } from "../../../project/services.js";

/** One container's image. */
export interface ContainerImage {
  readonly container: string;
  readonly service: string;
  readonly repository: string;
  /** `<none>` for an image referenced by digest or ID only. */
  readonly tag: string;
  /** `sha256:…` when the container was created from a digest-pinned reference. */
  readonly digest?: string;
  /** Full ID, `sha256:…`. */
  readonly imageId: string;
  /** Undefined when the image is no longer present. */
  readonly sizeBytes?: number;
}

/** Repository, tag and digest of a reference as written (`host:5000/app:1@sha256:…`). */
export function splitImageReference(reference: string): { repository: string; tag?: string; digest?: string } {
  const [name = "", digest] = reference.split("@", 2);
  const lastSlash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  // A colon before the last slash belongs to a registry port, not a tag.
  const tag = colon > lastSlash ? name.slice(colon + 1) : undefined;
  const repository = tag === undefined ? name : name.slice(0, colon);
  return { repository, ...(tag !== undefined ? { tag } : digest === undefined ? { tag: "latest" } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** The images of the services' containers (every state), services in dependency order. */
export async function projectImages(engine: Engine, project: Project, services: readonly string[]): Promise<ContainerImage[]> {
  const groups = await containersByService(engine, project, servicesInOrder(project, services, "dependencies-first"));
  const containers = groups.flatMap((group) => group.containers.map((container) => ({ service: group.service, container })));
  const details = new Map<string, Promise<ImageDetails | undefined>>();
  for (const { container } of containers) if (!details.has(container.imageId)) details.set(container.imageId, engine.imageDetails(container.imageId));
  return Promise.all(
    containers.map(async ({ service, container }) => {
      const image = await details.get(container.imageId);
      // A container created from an image ID has no name to show; the image's first tag is the best one.
      const written = container.image.startsWith("sha256:") && image?.repoTags[0] ? image.repoTags[0] : container.image;
      const { repository, tag, digest } = splitImageReference(written);
      return {
        container: container.name,
        service,
        repository,
        tag: tag ?? "<none>",
        ...(digest !== undefined ? { digest } : {}),
        imageId: container.imageId,
        ...(image ? { sizeBytes: image.sizeBytes } : {}),
      };
    }),
  );
}
