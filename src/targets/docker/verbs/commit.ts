/**
 * `tsd commit`: an image made from a service container.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { CommitSpec } from "../../../docker-api/operations/inside.js";
import { UsageError } from "../../../base/errors.js";
import type { Project } from "../../../project/project.js";
import { oneServiceContainer } from "./containers.js";

/** Docker's repository grammar: an optional registry host (with port), then lower-case path components. */
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const IMAGE_REPOSITORY = new RegExp(`^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);

/** `name[:tag]` split as Docker does: a colon after the last `/` starts the tag (`localhost:5000/app` has none). Digests are refused. */
export function parseImageReference(reference: string): { readonly repository: string; readonly tag: string } {
  if (reference.includes("@")) throw new UsageError(`${reference}: a commit makes a new image; give it a name and tag, not a digest`);
  const colon = reference.lastIndexOf(":");
  const hasTag = colon > reference.lastIndexOf("/");
  const repository = hasTag ? reference.slice(0, colon) : reference;
  const tag = hasTag ? reference.slice(colon + 1) : "latest";
  if (!IMAGE_REPOSITORY.test(repository)) throw new UsageError(`${reference}: not a valid image name (lower case letters and digits, separated by . _ - or /)`);
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) throw new UsageError(`${reference}: "${tag}" is not a valid tag`);
  return { repository, tag };
}

/** Commits the container; returns the new image's ID. */
export async function commitService(engine: Engine, project: Project, service: string, index: number, spec: CommitSpec): Promise<string> {
  const container = await oneServiceContainer(engine, project, service, index);
  return engine.commitContainer(container.id, spec);
}
