/**
 * `tsd cp`'s arguments and docker cp's placement rules, pure.
 *
 * Exactly one side is `SERVICE:PATH`; a local path that contains a colon is
 * written `./name:with:colons` (a path starting with `/` or `.` is always
 * local), as with `docker cp`. Where the copy lands follows docker cp:
 *
 * | source    | destination                | result                                      |
 * | --------- | -------------------------- | ------------------------------------------- |
 * | file      | missing                    | saved as the destination (parent must exist) |
 * | file      | missing, ends with `/`     | error: the directory must exist            |
 * | file      | a file                     | overwritten                                 |
 * | file      | a directory                | copied into it, same name                   |
 * | directory | missing                    | created with the source's contents          |
 * | directory | a file                     | error                                       |
 * | directory | a directory                | copied into it; with `SRC/.` only its contents |
 */
import { posix } from "node:path";
import { UsageError } from "../../../base/errors.js";

/** A path inside a service's container. */
export interface ContainerPath {
  readonly service: string;
  readonly path: string;
}

/** Which way a copy goes. */
export type CopyRequest =
  | { readonly direction: "from-container"; readonly source: ContainerPath; readonly destination: string }
  | { readonly direction: "to-container"; readonly source: string; readonly destination: ContainerPath };

/** `SERVICE:PATH`, or undefined for a local path. */
export function parseContainerPath(argument: string): ContainerPath | undefined {
  if (argument.startsWith("/") || argument.startsWith(".")) return undefined;
  const colon = argument.indexOf(":");
  if (colon <= 0) return undefined;
  return { service: argument.slice(0, colon), path: argument.slice(colon + 1) };
}

/** Reads `tsd cp SOURCE DESTINATION`: exactly one side in a container. */
export function parseCopyArguments(source: string, destination: string): CopyRequest {
  const from = parseContainerPath(source);
  const to = parseContainerPath(destination);
  if (from && to) throw new UsageError("copying between containers is not supported", "copy to the host first, then into the other container");
  if (from) return { direction: "from-container", source: checkedContainerPath(from), destination: nonEmpty(destination, "destination") };
  if (to) return { direction: "to-container", source: nonEmpty(source, "source"), destination: checkedContainerPath(to) };
  throw new UsageError(`neither ${source} nor ${destination} names a container path`, "write one side as SERVICE:PATH, e.g. tsd cp web:/etc/hostname .");
}

function checkedContainerPath(path: ContainerPath): ContainerPath {
  if (path.path === "") throw new UsageError(`${path.service}: needs a path after the colon, e.g. ${path.service}:/tmp`);
  // Container paths are absolute from the container's root, as docker cp reads them.
  return path.path.startsWith("/") ? path : { ...path, path: `/${path.path}` };
}

function nonEmpty(path: string, side: string): string {
  if (path === "") throw new UsageError(`the ${side} path is empty`);
  return path;
}

/** A copy's source: its path without a trailing `/.`, its name in the archive, and whether only its contents go. */
export interface CopySource {
  readonly path: string;
  /** Base name: the first component of every archive entry. */
  readonly name: string;
  readonly contentsOnly: boolean;
}

/** Splits docker cp's `DIR/.` ("the contents of DIR") from an absolute source path. */
export function copySource(absolutePath: string): CopySource {
  const contentsOnly = absolutePath.endsWith("/.");
  const path = posix.normalize(contentsOnly ? absolutePath.slice(0, -2) || "/" : absolutePath).replace(/(.)\/+$/, "$1");
  return { path, name: posix.basename(path), contentsOnly };
}

/** A host path made absolute, keeping the trailing `/.` or `/` that docker cp gives a meaning. */
export function absoluteHostPath(written: string, cwd: string): string {
  const absolute = posix.resolve(cwd, written);
  if (written === "." || written.endsWith("/.")) return `${absolute === "/" ? "" : absolute}/.`;
  return written.endsWith("/") && absolute !== "/" ? `${absolute}/` : absolute;
}

/** Where an archive of the source is unpacked, and how its top-level entry is named there. */
export type CopyPlacement =
  | { readonly kind: "into"; readonly directory: string }
  | { readonly kind: "as"; readonly directory: string; readonly name: string }
  | { readonly kind: "contents"; readonly directory: string };

/** What is at the destination: nothing, a file or a directory. */
export type PathKind = "missing" | "file" | "directory";

/** docker cp's rules (see the table above); `display` names the destination in errors. */
export function placeCopy(source: CopySource, sourceIsDirectory: boolean, destination: string, destinationKind: PathKind, display: string): CopyPlacement {
  const renamed = (): CopyPlacement => ({ kind: "as", directory: posix.dirname(destination), name: posix.basename(destination) });
  switch (destinationKind) {
    case "missing":
      if (!sourceIsDirectory && destination.endsWith("/")) throw new UsageError(`${display}: no such directory`, "the destination directory must exist");
      return renamed();
    case "file":
      if (sourceIsDirectory) throw new UsageError(`${display}: cannot copy a directory to a file`);
      return renamed();
    case "directory":
      return sourceIsDirectory && source.contentsOnly ? { kind: "contents", directory: destination } : { kind: "into", directory: destination };
  }
}

/**
 * An archive entry's name at the destination: `into` keeps it; `as` renames
 * the top-level entry; `contents` drops it (its own entry becomes `.`).
 */
export function placedEntryName(entryName: string, placement: CopyPlacement): string {
  const [first = "", ...rest] = entryName.replace(/^\.\//, "").split("/");
  switch (placement.kind) {
    case "into":
      return entryName;
    case "as":
      return [placement.name, ...rest].join("/");
    case "contents":
      return first === "" ? "." : rest.join("/") || ".";
  }
}
