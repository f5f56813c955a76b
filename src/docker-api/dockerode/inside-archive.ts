/**
 * Files of containers on the Docker Engine: the archive API (`HEAD`, `GET`
 * and `PUT /containers/{id}/archive`) behind `tsd cp`, the export of the
 * whole filesystem, and commit.
 */
import type { IncomingMessage } from "node:http";
import tarStream from "tar-stream";
import type { ContainerFileSpec } from "../types.js";
import type { CommitSpec, ContainerPathStat } from "../operations/inside.js";
import type { EngineClient } from "./client.js";
import { engineStatusCode, toEngineError } from "./engine-errors.js";

/** Go's `os.ModeDir`, the directory bit of the mode in Docker's path stat. */
const GO_MODE_DIR = 2 ** 31;

/** Docker's path stat header, base64 JSON. */
interface PathStatHeader {
  readonly name?: string;
  readonly size?: number;
  readonly mode?: number;
  readonly linkTarget?: string;
}

/** The stat of `path` in the container; undefined when it does not exist. */
export async function statContainerPath(client: EngineClient, containerId: string, path: string): Promise<ContainerPathStat | undefined> {
  const action = `look at ${path} in container "${containerId}"`;
  const { docker } = await client.connected();
  let response: IncomingMessage;
  try {
    response = (await docker.getContainer(containerId).infoArchive({ path })) as IncomingMessage;
  } catch (error) {
    // A HEAD answer has no body, so the engine's 404 cannot say whether the container or the path is missing; the caller found the container.
    if (engineStatusCode(error) === 404) return undefined;
    throw toEngineError(error, client.location, action);
  }
  response.resume();
  const header = response.headers["x-docker-container-path-stat"];
  if (typeof header !== "string") return undefined;
  const stat = JSON.parse(Buffer.from(header, "base64").toString("utf8")) as PathStatHeader;
  const mode = stat.mode ?? 0;
  return {
    name: stat.name ?? "",
    size: stat.size ?? 0,
    // Go's mode keeps the type bits above the permission bits; `mode` is a uint32, so test the bit arithmetically.
    isDirectory: Math.floor(mode / GO_MODE_DIR) % 2 === 1,
    linkTarget: stat.linkTarget ?? "",
  };
}

/** A tar archive of `path` in the container. */
export async function readContainerArchive(client: EngineClient, containerId: string, path: string): Promise<NodeJS.ReadableStream> {
  return client.call(`copy ${path} out of container "${containerId}"`, (docker) => docker.getContainer(containerId).getArchive({ path }));
}

/** Extracts `archive` into `directory` of the container. */
export async function writeContainerArchive(client: EngineClient, containerId: string, directory: string, archive: NodeJS.ReadableStream): Promise<void> {
  await client.call(`copy into ${directory} of container "${containerId}"`, (docker) =>
    docker.getContainer(containerId).putArchive(archive, { path: directory }),
  );
}

/** The container's filesystem as a tar archive. */
export async function exportContainer(client: EngineClient, containerId: string): Promise<NodeJS.ReadableStream> {
  return client.call(`export container "${containerId}"`, (docker) => docker.getContainer(containerId).export());
}

/** Commits the container as `repository:tag`; returns the new image's ID. */
export async function commitContainer(client: EngineClient, containerId: string, spec: CommitSpec): Promise<string> {
  const answer = (await client.call(`commit container "${containerId}" as ${spec.repository}:${spec.tag}`, (docker) =>
    docker.getContainer(containerId).commit({
      repo: spec.repository,
      tag: spec.tag,
      ...(spec.message !== undefined ? { comment: spec.message } : {}),
      ...(spec.author !== undefined ? { author: spec.author } : {}),
      // Repeated `changes=` parameters, one instruction each, as the docker CLI sends them.
      ...(spec.changes.length > 0 ? { changes: [...spec.changes] } : {}),
      pause: spec.pause,
    }),
  )) as { Id?: string };
  return answer.Id ?? "";
}

/**
 * Writes files into a created container (secrets and configs with no host
 * file), as one archive extracted at `/`: the engine makes missing parent
 * directories, such as /run/secrets.
 */
export async function writeContainerFiles(client: EngineClient, containerId: string, files: readonly ContainerFileSpec[]): Promise<void> {
  const pack = tarStream.pack();
  for (const file of files) {
    pack.entry({ name: file.path.replace(/^\/+/, ""), mode: file.mode, uid: file.uid ?? 0, gid: file.gid ?? 0, mtime: new Date(0) }, file.content);
  }
  pack.finalize();
  // tar-stream's Pack is a streamx Readable: it pipes like a Node stream, which is all docker-modem does with it.
  await writeContainerArchive(client, containerId, "/", pack as unknown as NodeJS.ReadableStream);
}
