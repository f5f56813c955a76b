/**
 * Resolving relative paths in a stack file. Each file's relative paths mean
 * "relative to this file's project directory", so they are made absolute
 * right after reading, before files from different directories are merged
 * or extended.
 */
import { isAbsolute, resolve } from "node:path";
import { homeDirectory } from "./host.js";
import { type Plain, type PlainList, type PlainMap, containerLocation, entryLocation, isList, isMap, setEntryLocation, setEntryTag } from "./located.js";

/**
 * Rewrites, in place, every relative host path of a stack file to an absolute
 * one against `baseDir` (and `~` against the home directory): build.context
 * (URLs kept), env_file, bind-mount sources (short and long syntax), label_file,
 * develop.watch paths, top-level secrets/configs `file`, data_containers
 * volumes, extends.file, include entries. Values of the wrong shape are left
 * for validation.
 */
export function resolveRelativePaths(tree: PlainMap, baseDir: string): void {
  const absolute = (path: string): string => hostPath(path, baseDir);
  for (const service of mapValues(tree.services)) resolveService(service, baseDir, absolute);
  for (const container of mapValues(tree.data_containers)) resolveVolumes(container, absolute);
  for (const section of ["secrets", "configs"]) {
    for (const definition of mapValues(tree[section])) rewriteString(definition, "file", absolute);
  }
  for (const volume of mapValues(tree.volumes)) resolveBindVolumeDevice(volume, absolute);
  if (isList(tree.include)) resolveIncludes(tree.include, absolute);
}

/** Absolute form of a host path written in a stack file. */
export function hostPath(path: string, baseDir: string): string {
  if (path === "~") return homeDirectory();
  if (path.startsWith("~/")) return resolve(homeDirectory(), path.slice(2));
  return resolve(baseDir, path);
}

/**
 * Build contexts that are not directories on this machine: URLs of any
 * scheme, `git@host:repo`, and GitHub shorthand (what BuildKit accepts).
 */
export function isRemoteContext(context: string): boolean {
  return context.includes("://") || context.startsWith("git@") || context.startsWith("github.com/");
}

/**
 * `extends.file` and `include` paths naming a remote resource (`oci://…`,
 * `git@…`, a `scheme:` prefix such as compose-go's test `remote:`) are kept
 * as written, so the stage reading them can say they are not supported.
 */
export function isRemoteResource(path: string): boolean {
  return isRemoteContext(path) || /^[a-z][a-z0-9+.-]+:/i.test(path);
}

function resolveService(service: PlainMap, baseDir: string, absolute: (path: string) => string): void {
  resolveBuild(service, baseDir, absolute);
  resolveFileList(service, "env_file", absolute);
  resolveFileList(service, "label_file", absolute);
  resolveVolumes(service, absolute);
  if (isMap(service.extends)) rewriteString(service.extends, "file", localOnly(absolute));
  if (isMap(service.develop) && isList(service.develop.watch)) {
    for (const rule of service.develop.watch) if (isMap(rule)) rewriteString(rule, "path", absolute);
  }
}

function resolveBuild(service: PlainMap, baseDir: string, absolute: (path: string) => string): void {
  const build = service.build;
  if (typeof build === "string") {
    if (!isRemoteContext(build)) service.build = absolute(build);
    return;
  }
  if (!isMap(build)) return;
  if (build.context === undefined) {
    // `build: {dockerfile: …}` builds the file's own directory; pinning it now keeps it right after
    // merging. Tagged as a default, so an override that only adds args keeps the base's context.
    build.context = baseDir;
    setEntryTag(build, "context", "default");
    const location = containerLocation(build) ?? entryLocation(service, "build");
    if (location) setEntryLocation(build, "context", location);
  } else if (typeof build.context === "string" && !isRemoteContext(build.context)) {
    build.context = absolute(build.context);
  }
  resolveAdditionalContexts(build, absolute);
}

/** `additional_contexts` values are directories unless they name a scheme (`docker-image://`, `service:`, URLs). */
function resolveAdditionalContexts(build: PlainMap, absolute: (path: string) => string): void {
  const contexts = build.additional_contexts;
  const rewrite = (value: string): string => (isContextReference(value) ? value : absolute(value));
  if (isMap(contexts)) {
    for (const [name, value] of Object.entries(contexts)) if (typeof value === "string") contexts[name] = rewrite(value);
  } else if (isList(contexts)) {
    contexts.forEach((item, index) => {
      if (typeof item !== "string") return;
      const at = item.indexOf("=");
      if (at > 0) contexts[index] = `${item.slice(0, at + 1)}${rewrite(item.slice(at + 1))}`;
    });
  }
}

function isContextReference(value: string): boolean {
  return isRemoteResource(value);
}

/** `env_file` / `label_file`: a path, a list of paths, or a list of `{path, required}`. */
function resolveFileList(service: PlainMap, field: string, absolute: (path: string) => string): void {
  const value = service[field];
  if (typeof value === "string") {
    service[field] = absolute(value);
  } else if (isList(value)) {
    value.forEach((item, index) => {
      if (typeof item === "string") value[index] = absolute(item);
      else if (isMap(item)) rewriteString(item, "path", absolute);
    });
  }
}

/** Bind sources in `volumes`: short `SRC:DST[:MODE]` with a path-like SRC, or long `type: bind`. */
function resolveVolumes(owner: PlainMap, absolute: (path: string) => string): void {
  const volumes = owner.volumes;
  if (!isList(volumes)) return;
  volumes.forEach((item, index) => {
    if (typeof item === "string") volumes[index] = resolveShortVolume(item, absolute);
    else if (isMap(item) && item.type === "bind") rewriteString(item, "source", absolute);
  });
}

function resolveShortVolume(spec: string, absolute: (path: string) => string): string {
  const colon = spec.indexOf(":");
  if (colon <= 0) return spec;
  const source = spec.slice(0, colon);
  // Named volumes (`data:/x`) are not paths; only what looks like a path is a bind source.
  if (!(source.startsWith(".") || source.startsWith("/") || source.startsWith("~"))) return spec;
  if (source.startsWith("~") && source !== "~" && !source.startsWith("~/")) return spec;
  return `${absolute(source)}${spec.slice(colon)}`;
}

/** A local volume that binds a host directory (`driver_opts: {o: bind, device: ./data}`). */
function resolveBindVolumeDevice(volume: PlainMap, absolute: (path: string) => string): void {
  const options = volume.driver_opts;
  if (!isMap(options) || typeof options.o !== "string") return;
  if (!options.o.split(",").includes("bind")) return;
  const device = options.device;
  if (typeof device === "string" && !isAbsolute(device)) options.device = absolute(device);
}

/** `include`: a path, or `{path: path | path[], env_file, project_directory}`. */
function resolveIncludes(entries: PlainList, anyPath: (path: string) => string): void {
  const absolute = localOnly(anyPath);
  entries.forEach((entry, index) => {
    if (typeof entry === "string") {
      entries[index] = absolute(entry);
      return;
    }
    if (!isMap(entry)) return;
    for (const field of ["path", "env_file"]) {
      const value = entry[field];
      if (typeof value === "string") entry[field] = absolute(value);
      else if (isList(value)) {
        value.forEach((item, at) => {
          if (typeof item === "string") value[at] = absolute(item);
        });
      }
    }
    rewriteString(entry, "project_directory", absolute);
  });
}

function localOnly(absolute: (path: string) => string): (path: string) => string {
  return (path) => (isRemoteResource(path) ? path : absolute(path));
}

function rewriteString(map: PlainMap, key: string, absolute: (path: string) => string): void {
  const value = map[key];
  if (typeof value === "string") map[key] = absolute(value);
}

function mapValues(value: Plain | undefined): PlainMap[] {
  return isMap(value) ? Object.values(value).filter(isMap) : [];
}
