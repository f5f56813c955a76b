/**
 * Engine operations of the verbs that reach the engine's objects beyond the
 * stack's containers: `tsd attach`, `tsd diff`, `tsd version`, the image
 * store (`tag`, `rmi`, `save`, `load`, `import`), the registry (`search`,
 * `login`) and the project's volumes and networks in detail.
 */
import type { AttachedStreams } from "../../base/streams.js";
import type { ProgressLine } from "../types.js";
import type { RegistryAuth } from "./images.js";

/** `docker diff`'s letters: added, changed, deleted. */
export type ChangeKind = "A" | "C" | "D";

/** One change of a container's filesystem against its image. */
export interface FilesystemChange {
  readonly kind: ChangeKind;
  readonly path: string;
}

/** One component the engine reports (`Engine`, `containerd`, `runc`, `docker-init`). */
export interface EngineComponent {
  readonly name: string;
  readonly version: string;
  /** `GitCommit` and the like, as the engine gives them. */
  readonly details: Readonly<Record<string, string>>;
}

/** The engine's `/version` answer. */
export interface EngineVersion {
  readonly platform: string;
  readonly version: string;
  readonly apiVersion: string;
  readonly minApiVersion: string;
  readonly gitCommit: string;
  readonly goVersion: string;
  readonly os: string;
  readonly arch: string;
  readonly kernelVersion: string;
  readonly buildTime: string;
  readonly experimental: boolean;
  readonly components: readonly EngineComponent[];
}

/** A volume, inspected. */
export interface VolumeDetails {
  readonly name: string;
  readonly driver: string;
  readonly mountpoint: string;
  readonly scope: string;
  readonly createdAt: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string>>;
}

/** A container attached to a network. */
export interface NetworkEndpoint {
  readonly containerId: string;
  readonly name: string;
  /** `10.0.0.2/24`; empty when none. */
  readonly ipv4Address: string;
}

/** A network, inspected. */
export interface NetworkDetails {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly ipv6: boolean;
  readonly createdAt: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly subnets: readonly { readonly subnet: string; readonly gateway: string }[];
  readonly containers: readonly NetworkEndpoint[];
}

/** What removing one image did, as the engine reports it. */
export interface ImageRemoval {
  readonly untagged: readonly string[];
  readonly deleted: readonly string[];
}

/** An image to make from a filesystem archive (`tsd import`). */
export interface ImportSpec {
  readonly repository: string;
  readonly tag: string;
  /** Dockerfile instructions for the image config (`CMD ["sh"]`). */
  readonly changes: readonly string[];
  readonly message?: string;
}

/** One hit of a registry search. */
export interface SearchResult {
  readonly name: string;
  readonly description: string;
  readonly stars: number;
  readonly official: boolean;
  readonly automated: boolean;
}

/** How to search. */
export interface SearchOptions {
  /** Absent: the registry's default (25). */
  readonly limit?: number;
  /** `stars`, `is-official`, `is-automated` → values, as the engine takes them. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly auth?: RegistryAuth;
}

/** The registry accepted the credentials; some hand out a token to store instead of the password. */
export interface LoginResult {
  readonly status: string;
  readonly identityToken?: string;
}

/** The registry refused the credentials (`tsd login` with a wrong password). */
export interface LoginRefusal {
  readonly refused: true;
  readonly message: string;
}

/** Attaching to a running container's main process. */
export interface AttachOptions {
  /** Ends the attachment (not the process) when aborted: the user detached. */
  readonly signal?: AbortSignal;
  /** Docker's spelling (`ctrl-p,ctrl-q`): the engine honours them on a TTY, so it must know the user's. */
  readonly detachKeys?: string;
}

/** Calls on the engine's objects. */
export interface ObjectOperations {
  /** What changed in the container's filesystem against its image, sorted by path. */
  containerChanges(containerId: string): Promise<FilesystemChange[]>;
  /**
   * Attaches to a running container's main process and pumps its streams
   * until its output ends (it stopped) or `options.signal` aborts (detach).
   * Closing our stdin does not close the process's (unless its StdinOnce).
   */
  attachContainer(containerId: string, streams: AttachedStreams, options: AttachOptions): Promise<void>;
  /** Fails with EngineUnavailableError when nothing answers. */
  engineVersion(): Promise<EngineVersion>;
  volumeDetails(name: string): Promise<VolumeDetails | undefined>;
  /** Bytes each local volume holds, by name, as `docker system df -v` reports them; absent where unknown. */
  volumeSizes(): Promise<Readonly<Record<string, number>>>;
  networkDetails(name: string): Promise<NetworkDetails | undefined>;
  /** Gives `source` (a reference or ID) the name `repository:tag`. */
  tagImage(source: string, repository: string, tag: string): Promise<void>;
  /** Removes one reference (untag; the image too when it was the last). `force`: even when containers use it. */
  deleteImage(reference: string, options: { readonly force: boolean }): Promise<ImageRemoval>;
  /** Every image named, with all its layers and tags, as one `docker save` archive. */
  saveImages(references: readonly string[]): Promise<NodeJS.ReadableStream>;
  /** Loads a `docker save` archive; returns what the engine says it loaded (`Loaded image: app:1`). */
  loadImages(archive: NodeJS.ReadableStream, onProgress?: (line: ProgressLine) => void): Promise<string[]>;
  /** Makes an image of a filesystem tar archive (`docker import`); returns its ID. */
  importImage(archive: NodeJS.ReadableStream, spec: ImportSpec): Promise<string>;
  /** The engine's registry search (`term` may start with a registry host). */
  searchImages(term: string, options: SearchOptions): Promise<SearchResult[]>;
  /** Asks the engine to log in to the registry with these credentials. */
  checkLogin(auth: Extract<RegistryAuth, { kind: "password" }>): Promise<LoginResult | LoginRefusal>;
}
