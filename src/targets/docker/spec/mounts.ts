/**
 * Mounts: `volumes` (named, anonymous, bind, tmpfs), file-backed secrets and
 * configs, and `volumes_from`, as the engine takes them.
 */
import type { ContainerFileSpec, MountSpec } from "../../../docker-api/types.js";
import { UsageError } from "../../../base/errors.js";
import type { FileObject, FileReference, Mount, Stack, VolumesFrom } from "../../../stack/model.js";
import { dataContainerName, serviceContainerName, volumeEngineName } from "../../../stack/names.js";

/** Container target path → name of an existing anonymous volume to mount there again. */
export type AnonymousVolumes = Readonly<Record<string, string>>;

/**
 * One mount for the engine. A named volume is mounted by its engine name.
 * An anonymous volume has no source, so the engine makes a fresh one, unless
 * `anonymousVolumes` names the one the replaced container had at that path:
 * re-mounting it is what keeps a database's data across a recreate.
 */
export function mountSpec(stack: Stack, mount: Mount, anonymousVolumes: AnonymousVolumes = {}): MountSpec {
  switch (mount.type) {
    case "volume": {
      const source = mount.source !== undefined ? volumeEngineName(stack, mount.source) : anonymousVolumes[mount.target];
      return { type: "volume", source, target: mount.target, readOnly: mount.readOnly, noCopy: mount.nocopy, subpath: mount.subpath };
    }
    case "bind":
      return { type: "bind", source: mount.source, target: mount.target, readOnly: mount.readOnly, propagation: mount.propagation, createHostPath: mount.createHostPath };
    case "tmpfs":
      return { type: "tmpfs", target: mount.target, readOnly: mount.readOnly, sizeBytes: mount.size, mode: mount.mode };
  }
}

/** Every mount of a `volumes` list, in written order. */
export function mountSpecs(stack: Stack, mounts: readonly Mount[], anonymousVolumes: AnonymousVolumes = {}): MountSpec[] {
  return mounts.map((mount) => mountSpec(stack, mount, anonymousVolumes));
}

/**
 * Secrets and configs backed by a host file, bind-mounted read-only at their
 * target, as Compose does without Swarm. Those backed by an environment
 * variable or inline content have no file to mount and external ones exist
 * only in Swarm, so they are left out here: the engine has no mount for them.
 */
export function fileReferenceMounts(references: readonly FileReference[], objects: Readonly<Record<string, FileObject>>): MountSpec[] {
  return references.flatMap((reference): MountSpec[] => {
    const file = objects[reference.source]?.file;
    if (file === undefined) return [];
    return [{ type: "bind", source: file, target: reference.target, readOnly: true, createHostPath: false }];
  });
}

/** Reads a variable of the environment tsd runs in (secrets and configs written `environment: VAR`). */
export type EnvironmentLookup = (name: string) => string | undefined;

/**
 * Secrets and configs with no host file: inline `content:` or `environment:
 * VAR` (read here, when the container is made, so the value never enters the
 * stack, its cache or a label). The engine writes them into the container
 * before it starts, as Compose does without Swarm.
 */
export function fileReferenceFiles(
  service: string,
  kind: "secret" | "config",
  references: readonly FileReference[],
  objects: Readonly<Record<string, FileObject>>,
  lookup: EnvironmentLookup,
): ContainerFileSpec[] {
  return references.flatMap((reference): ContainerFileSpec[] => {
    const object = objects[reference.source];
    if (object === undefined || object.file !== undefined) return [];
    let content = object.content;
    if (object.environment !== undefined) {
      content = lookup(object.environment);
      if (content === undefined) {
        throw new UsageError(
          `service ${service}: ${kind} ${reference.source} comes from the environment variable ${object.environment}, which is not set`,
          `export ${object.environment} in the shell that runs tsd, or give the ${kind} a file:`,
        );
      }
    }
    if (content === undefined) return [];
    const owner = (id: string | undefined) => (id === undefined || !/^\d+$/.test(id) ? undefined : Number(id));
    return [{ path: reference.target, content, mode: reference.mode ?? 0o444, uid: owner(reference.uid), gid: owner(reference.gid) }];
  });
}

/**
 * `volumes_from` as Docker's `container[:ro]` entries: a service means its
 * first replica (every replica holds the same declared volumes), a data
 * container its one container, `container:name` the name as written.
 */
export function volumesFromSpecs(stack: Stack, entries: readonly VolumesFrom[]): string[] {
  return entries.map((entry) => {
    const container = volumesFromContainer(stack, entry);
    return entry.readOnly ? `${container}:ro` : container;
  });
}

/** The container one `volumes_from` entry names. */
export function volumesFromContainer(stack: Stack, entry: VolumesFrom): string {
  switch (entry.kind) {
    case "service":
      return serviceContainerName(stack, entry.name, 1);
    case "dataContainer":
      return dataContainerName(stack, entry.name);
    case "container":
      return entry.name;
  }
}
