/**
 * Engine operations that reach inside containers: `tsd exec`, `tsd run`
 * (attaching to the one-off container), `tsd cp`, `tsd export`, `tsd commit`.
 *
 * Streams are Node's own stream types, never the adapter's objects: the
 * caller hands in where input comes from and where output goes, and the
 * engine pumps between them and the container until the process ends.
 */
import type { AttachedStreams } from "../../base/streams.js";

export type { AttachedStreams, ProcessTerminal, TerminalSize } from "../../base/streams.js";

/** A command to run in a running container (`tsd exec`). */
export interface ExecSpec {
  readonly cmd: readonly string[];
  /** `KEY=VALUE` entries added to the container's environment. */
  readonly env: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  readonly privileged: boolean;
  readonly tty: boolean;
  /** Whether stdin will be attached (ignored for a detached exec). */
  readonly stdin: boolean;
}

/** What the engine says about a path inside a container (Docker's path stat). */
export interface ContainerPathStat {
  /** Base name of the path. */
  readonly name: string;
  readonly size: number;
  readonly isDirectory: boolean;
  /** The target when the path is a symbolic link; empty otherwise. */
  readonly linkTarget: string;
}

/** An image to make from a container (`tsd commit`). */
export interface CommitSpec {
  /** Repository, e.g. `registry.local/app`. */
  readonly repository: string;
  readonly tag: string;
  readonly message?: string;
  readonly author?: string;
  /** Dockerfile instructions applied to the image config (`CMD ["sh"]`, `ENV A=b`). */
  readonly changes: readonly string[];
  /** Pause the container while committing (Docker's default). */
  readonly pause: boolean;
}

/** Processes and files inside containers. */
export interface InsideOperations {
  /**
   * Runs a command in a running container with its streams attached, until
   * it ends; returns its exit code. With `spec.tty`, `streams.terminal`
   * sizes the TTY and its resizes follow.
   */
  execAttached(containerId: string, spec: ExecSpec, streams: AttachedStreams): Promise<number>;
  /** Starts a command in a running container and returns at once (`exec -d`). */
  execDetached(containerId: string, spec: ExecSpec): Promise<void>;
  /**
   * Attaches to a created container, starts it and pumps its streams until
   * it stops; returns its exit code. Attaching before the start is what makes
   * sure no early output is lost.
   */
  startAttached(containerId: string, streams: AttachedStreams): Promise<number>;
  /** The stat of a path in a container; undefined when nothing is there. */
  statContainerPath(containerId: string, path: string): Promise<ContainerPathStat | undefined>;
  /** A tar archive of a path in a container: one top-level entry named like the path's base name. */
  readContainerArchive(containerId: string, path: string): Promise<NodeJS.ReadableStream>;
  /** Extracts a tar archive into a directory of a container, which must exist. */
  writeContainerArchive(containerId: string, directory: string, archive: NodeJS.ReadableStream): Promise<void>;
  /** The container's whole filesystem as a tar archive. */
  exportContainer(containerId: string): Promise<NodeJS.ReadableStream>;
  /** Makes an image of the container's filesystem and config; returns the image ID (`sha256:…`). */
  commitContainer(containerId: string, spec: CommitSpec): Promise<string>;
}
