/**
 * Mounts: `volumes` (named, anonymous, bind, tmpfs), file-backed secrets and
 * configs, and `volumes_from`, as the engine takes them.
 */
import type { MountSpec } from "../../engine/types.js";
import type { FileObject, FileReference, Mount, Stack, VolumesFrom } from "../../stack/model.js";
import { dataContainerName, serviceContainerName, volumeEngineName } from "./names.js";

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
