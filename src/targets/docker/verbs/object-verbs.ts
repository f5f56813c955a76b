/**
 * The verbs that reach the engine's objects beyond running containers:
 * attach and diff on a replica, the stack's images in the image store
 * (tag, rmi, save) and the stack-free ones (load, import), the registry
 * (login, logout, search), the stack's volumes and networks, and the
 * engine's version. Bound to one engine; each returns what the caller
 * prints, nothing here prints.
 */
import type { Engine } from "../../../docker-api/engine.js";
import type { AttachedStreams } from "../../../docker-api/operations/inside.js";
import type { EngineVersion, FilesystemChange, ImportSpec, SearchOptions, SearchResult } from "../../../docker-api/operations/objects.js";
import type { Project } from "../../../project/project.js";
import { type AttachOutcome, type AttachRequest, attachToService, serviceChanges } from "./attach-service.js";
import { importArchive, loadArchive, type RemovedImage, removeStackImages, saveStackImages, tagServiceImage } from "./image-store.js";
import { inspectNetworks, inspectVolumes, type NetworkInspection, type NetworkRow, projectNetworks, projectVolumes, type VolumeInspection, type VolumeRow } from "./project-resources.js";
import { login, type LoginOutcome, type LoginRequest, logout, search } from "./registry.js";

export type { AttachOutcome, AttachRequest } from "./attach-service.js";
export type { RemovedImage } from "./image-store.js";
export type { NetworkInspection, NetworkRow, VolumeInspection, VolumeRow } from "./project-resources.js";
export type { LoginOutcome, LoginRequest } from "./registry.js";
export type { EngineVersion, FilesystemChange, SearchResult } from "../../../docker-api/operations/objects.js";

/** The object verbs of one Docker Engine. */
export class DockerObjectVerbs {
  constructor(
    private readonly engine: Engine,
    private readonly environment: NodeJS.ProcessEnv = process.env,
  ) {}

  /** `tsd attach`. */
  attach(project: Project, request: AttachRequest, streams: AttachedStreams): Promise<AttachOutcome> {
    return attachToService(this.engine, project, request, streams);
  }

  /** `tsd diff`. */
  diff(project: Project, service: string, index: number): Promise<FilesystemChange[]> {
    return serviceChanges(this.engine, project, service, index);
  }

  /** `tsd version`: the engine's part. */
  version(): Promise<EngineVersion> {
    return this.engine.engineVersion();
  }

  /** `tsd tag SERVICE TARGET`: the new name. */
  tag(project: Project, service: string, target: string): Promise<string> {
    return tagServiceImage(this.engine, project, service, target);
  }

  /** `tsd rmi [SERVICE…]`. */
  removeImages(project: Project, services: readonly string[], options: { readonly force: boolean }): Promise<RemovedImage[]> {
    return removeStackImages(this.engine, project, services, options);
  }

  /** `tsd save`: the references written. */
  save(project: Project, services: readonly string[], output: string | NodeJS.WritableStream): Promise<string[]> {
    return saveStackImages(this.engine, project, services, output);
  }

  /** `tsd load`. */
  load(input: string | NodeJS.ReadableStream): Promise<string[]> {
    return loadArchive(this.engine, input);
  }

  /** `tsd import`: the image ID. */
  import(input: string | NodeJS.ReadableStream, image: string, options: Pick<ImportSpec, "changes" | "message">): Promise<string> {
    return importArchive(this.engine, input, image, options);
  }

  /** `tsd search`. */
  search(term: string, options: Omit<SearchOptions, "auth">): Promise<SearchResult[]> {
    return search(this.engine, term, options, this.environment);
  }

  /** `tsd login`. */
  login(request: LoginRequest): Promise<LoginOutcome> {
    return login(this.engine, request, this.environment);
  }

  /** `tsd logout`. */
  logout(registry: string | undefined): ReturnType<typeof logout> {
    return logout(registry, this.environment);
  }

  /** `tsd volumes`. */
  volumes(project: Project, services: readonly string[]): Promise<VolumeRow[]> {
    return projectVolumes(this.engine, project, services);
  }

  /** `tsd networks`. */
  networks(project: Project, services: readonly string[]): Promise<NetworkRow[]> {
    return projectNetworks(this.engine, project, services);
  }

  /** `tsd volumes inspect`. */
  inspectVolumes(project: Project, names: readonly string[]): Promise<VolumeInspection[]> {
    return inspectVolumes(this.engine, project, names);
  }

  /** `tsd networks inspect`. */
  inspectNetworks(project: Project, names: readonly string[]): Promise<NetworkInspection[]> {
    return inspectNetworks(this.engine, project, names);
  }
}
