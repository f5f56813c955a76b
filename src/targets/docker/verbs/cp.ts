/**
 * `tsd cp`: files between the host and a service's container, through the
 * engine's archive API, with docker cp's placement rules (cp-paths.ts).
 * Archives are packed and unpacked by tar-fs, entry names rewritten on the
 * way so the top-level entry lands where the rules say.
 */
import { lstatSync, type Stats, statSync } from "node:fs";
import { posix } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tarFs from "tar-fs";
import type { Engine } from "../../../docker-api/engine.js";
import type { ContainerPathStat } from "../../../docker-api/operations/inside.js";
import { UsageError } from "../../../base/errors.js";
import type { Project } from "../../../project/project.js";
import { absoluteHostPath, type CopyRequest, copySource, type PathKind, placeCopy, placedEntryName } from "./cp-paths.js";
import { oneServiceContainer } from "./containers.js";

/** How to copy. */
export interface CopyOptions {
  /** Replica, from 1. */
  readonly index: number;
  /** `-a`: keep the source's uid/gid (else files in the container belong to root, as with docker cp). */
  readonly archive: boolean;
  /** `-L`: copy what a symbolic link at the source points to, not the link. */
  readonly followLink: boolean;
  /** Relative host paths are taken from here. */
  readonly cwd: string;
}

/** Copies one way or the other; returns a one-line summary (`Copied web:/etc/hostname to ./hostname`). */
export async function copyFiles(engine: Engine, project: Project, request: CopyRequest, options: CopyOptions): Promise<string> {
  if (request.direction === "from-container") {
    const { service, path } = request.source;
    const container = await oneServiceContainer(engine, project, service, options.index);
    await copyFromContainer(engine, container.id, `${service}:${path}`, path, request.destination, options);
    return `copied ${service}:${path} to ${request.destination}`;
  }
  const { service, path } = request.destination;
  const container = await oneServiceContainer(engine, project, service, options.index);
  await copyToContainer(engine, container.id, request.source, path, `${service}:${path}`, options);
  return `copied ${request.source} to ${service}:${path}`;
}

async function copyFromContainer(engine: Engine, containerId: string, display: string, containerPath: string, hostPath: string, options: CopyOptions): Promise<void> {
  const source = copySource(containerPath);
  let stat = await engine.statContainerPath(containerId, source.path);
  if (!stat) throw new UsageError(`${display}: no such file or directory`);
  let archivePath = source.path;
  if (options.followLink && stat.linkTarget !== "") {
    archivePath = posix.resolve(posix.dirname(source.path), stat.linkTarget);
    stat = await engine.statContainerPath(containerId, archivePath);
    if (!stat) throw new UsageError(`${display}: the link points to ${archivePath}, which does not exist`);
  }
  const destination = posix.normalize(absoluteHostPath(hostPath, options.cwd));
  const placement = placeCopy(source, stat.isDirectory, destination, hostPathKind(destination), hostPath);
  const archive = await engine.readContainerArchive(containerId, archivePath);
  // The archive's top entry is named after the path asked for; with -L that is the link's target, renamed back to the source's name.
  const entryName = (name: string) => placedEntryName(renameTop(name, posix.basename(archivePath), source.name), placement);
  await pipeline(
    archive,
    tarFs.extract(placement.directory, {
      map: (header) => ({ ...header, name: entryName(header.name) }),
      // Files belong to whoever runs tsd, as with docker cp; links are copied as they are, even pointing outside.
      chown: false,
      validateSymlinks: false,
      strict: false,
    } as tarFs.ExtractOptions),
  );
}

async function copyToContainer(engine: Engine, containerId: string, hostPath: string, containerPath: string, display: string, options: CopyOptions): Promise<void> {
  const source = copySource(absoluteHostPath(hostPath, options.cwd));
  const sourceStat = hostStat(source.path, options.followLink);
  if (!sourceStat) throw new UsageError(`${hostPath}: no such file or directory`);
  const destination = posix.normalize(containerPath);
  const destinationStat = await followedStat(engine, containerId, destination.replace(/(.)\/+$/, "$1"));
  const kind: PathKind = !destinationStat ? "missing" : destinationStat.isDirectory ? "directory" : "file";
  const placement = placeCopy(source, sourceStat.isDirectory(), destination, kind, display);
  const archive = tarFs.pack(posix.dirname(source.path), {
    entries: [source.name],
    dereference: options.followLink,
    map: (header) => ({
      ...header,
      name: placedEntryName(header.name, placement),
      ...(options.archive ? {} : { uid: 0, gid: 0, uname: "root", gname: "root" }),
    }),
  });
  // tar-fs packs into a streamx stream; the engine client wants a Node stream.
  await engine.writeContainerArchive(containerId, placement.directory, Readable.from(archive, { objectMode: false }));
}

/** A container path's stat, following a symbolic link at the path itself (a link to a directory is a directory). */
async function followedStat(engine: Engine, containerId: string, path: string): Promise<ContainerPathStat | undefined> {
  const stat = await engine.statContainerPath(containerId, path);
  if (!stat || stat.linkTarget === "") return stat;
  return (await engine.statContainerPath(containerId, posix.resolve(posix.dirname(path), stat.linkTarget))) ?? stat;
}

function renameTop(entryName: string, from: string, to: string): string {
  if (from === to) return entryName;
  const [first = "", ...rest] = entryName.replace(/^\.\//, "").split("/");
  return first === from ? [to, ...rest].join("/") : entryName;
}

/** Without -L a symbolic link is copied as the link, as docker cp does. */
function hostStat(path: string, followLink: boolean): Stats | undefined {
  return followLink ? statSync(path, { throwIfNoEntry: false }) : lstatSync(path, { throwIfNoEntry: false });
}

function hostPathKind(path: string): PathKind {
  const stat = statSync(path.replace(/(.)\/+$/, "$1"), { throwIfNoEntry: false });
  return !stat ? "missing" : stat.isDirectory() ? "directory" : "file";
}
