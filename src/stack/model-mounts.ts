/**
 * Mounts of the canonical stack, in Compose's long syntax. A file of its own
 * because both services (model.ts) and data containers (model-resources.ts)
 * mount volumes: neither of those files has to import the other for it.
 * Re-exported by model.ts.
 */

/** A mount, in Compose's long syntax. */
export type Mount = VolumeMount | BindMount | TmpfsMount;

interface MountBase {
  /** Absolute path inside the container. */
  readonly target: string;
  readonly readOnly: boolean;
}

/** A named volume (by top-level key) or an anonymous volume (no source). */
export interface VolumeMount extends MountBase {
  readonly type: "volume";
  /** Top-level volume key; absent for an anonymous volume. */
  readonly source?: string;
  readonly nocopy: boolean;
  readonly subpath?: string;
}

/** A host path. */
export interface BindMount extends MountBase {
  readonly type: "bind";
  /** Absolute host path. */
  readonly source: string;
  readonly propagation?: "private" | "rprivate" | "shared" | "rshared" | "slave" | "rslave";
  readonly createHostPath: boolean;
  readonly selinux?: "z" | "Z";
}

/** A tmpfs mount. */
export interface TmpfsMount extends MountBase {
  readonly type: "tmpfs";
  /** Bytes. */
  readonly size?: number;
  /** File mode, e.g. 0o1777. */
  readonly mode?: number;
}
