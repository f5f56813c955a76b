/**
 * What each container last received from the sync rules: container path →
 * content hash, per container ID. It answers two questions: is a changed
 * file already there (an event caused by our own write, or a save that did
 * not change the content), and, when a container starts again, which files
 * changed while it was down.
 */

/** Content hashes by container path. */
export type ContentHashes = ReadonlyMap<string, string>;

/** Files to copy and container paths to delete to bring a container up to date. */
export interface ManifestDiff {
  readonly copy: readonly string[];
  readonly remove: readonly string[];
}

/**
 * The difference between what a container holds (`held`; undefined: a
 * container never seen, which gets everything) and the host's files now,
 * both keyed by container path. Sorted.
 */
export function manifestDiff(held: ContentHashes | undefined, host: ContentHashes): ManifestDiff {
  const copy = [...host].filter(([target, hash]) => held?.get(target) !== hash).map(([target]) => target);
  const remove = held ? [...held.keys()].filter((target) => !host.has(target)) : [];
  return { copy: copy.sort(), remove: remove.sort() };
}

/** Per container, what it holds; plus when each path was last written, to recognise a sync triggering itself. */
export class SyncManifest {
  readonly #held = new Map<string, Map<string, string>>();
  readonly #writtenAt = new Map<string, number>();

  /** What the container holds; undefined for a container never synced nor seeded. */
  held(containerId: string): ContentHashes | undefined {
    return this.#held.get(containerId);
  }

  /** Takes `hashes` as what the container holds (the host's files when watching starts: Compose's assumption too). */
  seed(containerId: string, hashes: ContentHashes): void {
    this.#held.set(containerId, new Map(hashes));
  }

  /** Records a file copied into the container at `at` (ms). */
  recordCopy(containerId: string, target: string, hash: string, at: number): void {
    this.#entries(containerId).set(target, hash);
    this.#writtenAt.set(target, at);
  }

  /** Records a container path deleted, with everything under it. */
  recordRemoval(containerId: string, target: string): void {
    const entries = this.#entries(containerId);
    for (const path of [...entries.keys()]) if (path === target || path.startsWith(`${target}/`)) entries.delete(path);
  }

  /** When tsd last wrote the container path (any container), in ms; undefined: never. */
  lastWrittenAt(target: string): number | undefined {
    return this.#writtenAt.get(target);
  }

  /** Forgets containers that no longer exist. */
  retain(containerIds: ReadonlySet<string>): void {
    for (const id of [...this.#held.keys()]) if (!containerIds.has(id)) this.#held.delete(id);
  }

  #entries(containerId: string): Map<string, string> {
    let entries = this.#held.get(containerId);
    if (!entries) {
      entries = new Map();
      this.#held.set(containerId, entries);
    }
    return entries;
  }
}
