/**
 * `extends`: a service starts from another service's definition (in the
 * same file or another one) and overrides it with the rules used to merge
 * files. Chains are followed to their end, across files; each extended file
 * is read once, and each extended service resolved once.
 */
import { basename, dirname, relative, resolve } from "node:path";
import { ConfigError, formatPath } from "../base/errors.js";
import { type Plain, type PlainMap, copyContainerLocation, copyEntry, entryLocation, isMap } from "./located.js";
import { mergeService } from "./merge.js";
import { isRemoteResource } from "./paths.js";
import { didYouMean } from "./suggest.js";

/** Reads another stack file for `extends: {file}`: parsed, interpolated, paths resolved against its own directory. */
export type LoadExtendedFile = (absolutePath: string) => PlainMap;

/**
 * Replaces every service's `extends` (same file or `file:`, chains) with the
 * merged result, in place. Cycles are a ConfigError naming the chain.
 * `filePath` is the absolute path of the file `tree` was read from.
 */
export function resolveExtends(tree: PlainMap, filePath: string, loadFile: LoadExtendedFile): void {
  const services = tree.services;
  if (!isMap(services)) return;
  const resolver = new ExtendsResolver(tree, filePath, loadFile);
  // Sorted, so that with several problems the same one is reported every time.
  for (const name of Object.keys(services).sort()) {
    const service = services[name];
    if (isMap(service) && Object.hasOwn(service, "extends")) services[name] = resolver.resolve({ file: filePath, name }, []);
  }
}

/** A service in a file. */
interface ServiceRef {
  readonly file: string;
  readonly name: string;
}

/** What an `extends` entry asks for, with the file made absolute. */
interface ExtendsSpec {
  readonly service: string;
  readonly file: string;
}

class ExtendsResolver {
  private readonly trees = new Map<string, PlainMap>();
  private readonly resolved = new Map<string, PlainMap>();

  constructor(
    root: PlainMap,
    private readonly rootFile: string,
    private readonly loadFile: LoadExtendedFile,
  ) {
    this.trees.set(rootFile, root);
  }

  /** The service at `ref` with its `extends` chain applied; `chain` holds the services extending it. */
  resolve(ref: ServiceRef, chain: readonly ServiceRef[]): PlainMap {
    const key = refKey(ref);
    const done = this.resolved.get(key);
    if (done) return done;
    const service = this.service(ref);
    if (!Object.hasOwn(service, "extends")) return service;

    const spec = this.parseSpec(service, ref);
    const target: ServiceRef = { file: spec.file, name: spec.service };
    const path = [...chain, ref];
    const cycleStart = path.findIndex((entry) => refKey(entry) === refKey(target));
    if (cycleStart >= 0) {
      // Told from the service whose `extends` closes the cycle, since that is where the error points.
      const loop = [ref, ...path.slice(cycleStart, -1), ref];
      throw this.error(service, ref, ["extends"], `circular reference in extends: ${this.describeCycle(loop)}`);
    }
    const targetServices = this.treeFor(service, ref, target.file).services;
    if (!isMap(targetServices) || !Object.hasOwn(targetServices, target.name)) {
      const written = service.extends;
      const [container, entry] = isMap(written) ? [written, "service"] : [service, "extends"];
      throw this.error(container, ref, ["extends", "service"], `service "${target.name}" is not defined in ${this.display(target.file)}${didYouMean(target.name, isMap(targetServices) ? Object.keys(targetServices) : [])}`, entry);
    }
    const base = this.resolve(target, path);

    // A shallow view without `extends`: mergeService copies what it keeps.
    const local: PlainMap = {};
    for (const field of Object.keys(service)) {
      if (field === "extends") continue;
      local[field] = service[field] ?? null;
      copyEntry(service, field, local);
    }
    const merged = mergeService(base, local, ref.name);
    // The extending service is defined where it is written, not where its base is.
    copyContainerLocation(service, merged);
    this.resolved.set(key, merged);
    return merged;
  }

  private service(ref: ServiceRef): PlainMap {
    const services = this.tree(ref.file).services;
    const service: Plain | undefined = isMap(services) ? services[ref.name] : undefined;
    // An empty service (`base:` with nothing under it) extends to nothing more than what overrides it.
    if (service === null || service === undefined) return {};
    if (!isMap(service)) {
      throw new ConfigError([{ location: isMap(services) ? entryLocation(services, ref.name) : undefined, path: formatPath(["services", ref.name]), message: "must be a mapping" }]);
    }
    return service;
  }

  /** The tree of `file`; a file that cannot be read at all is reported where `extends.file` names it. */
  private treeFor(service: PlainMap, ref: ServiceRef, file: string): PlainMap {
    try {
      return this.tree(file);
    } catch (error) {
      const written = service.extends;
      if (!(error instanceof ConfigError) || !isMap(written) || error.issues.some((issue) => issue.location)) throw error;
      const location = entryLocation(written, "file");
      const path = formatPath(["services", ref.name, "extends", "file"]);
      throw new ConfigError(error.issues.map((issue) => ({ location, path, message: issue.message })));
    }
  }

  private tree(file: string): PlainMap {
    let tree = this.trees.get(file);
    if (!tree) {
      tree = this.loadFile(file);
      this.trees.set(file, tree);
    }
    return tree;
  }

  /** `extends: base` or `extends: {service: base, file?: other.yml}`. */
  private parseSpec(service: PlainMap, ref: ServiceRef): ExtendsSpec {
    const written = service.extends;
    if (typeof written === "string") return { service: written, file: ref.file };
    if (!isMap(written)) {
      throw this.error(service, ref, ["extends"], "must be a service name or a mapping with `service` and optional `file`");
    }
    for (const field of Object.keys(written).sort()) {
      if (field !== "service" && field !== "file") {
        throw this.error(written, ref, ["extends", field], `unknown key "${field}" (expected service, file)`, field);
      }
    }
    if (typeof written.service !== "string" || written.service === "") {
      const where = Object.hasOwn(written, "service") ? { container: written, key: "service" } : { container: service, key: "extends" };
      throw this.error(where.container, ref, ["extends", "service"], "is required: the name of the service to extend", where.key);
    }
    if (written.file !== undefined && typeof written.file !== "string") {
      throw this.error(written, ref, ["extends", "file"], "must be the path of a stack file", "file");
    }
    if (typeof written.file === "string" && isRemoteResource(written.file)) {
      const message = `not supported by tsd: remote resources (${JSON.stringify(written.file)}; only local files can be extended)`;
      throw this.error(written, ref, ["extends", "file"], message, "file");
    }
    const file = written.file === undefined ? ref.file : resolve(dirname(ref.file), written.file);
    return { service: written.service, file };
  }

  /** A located error about `services.<ref>.<field…>`; `key` is the entry of `container` it points at. */
  private error(container: PlainMap, ref: ServiceRef, fields: readonly string[], message: string, key = "extends"): ConfigError {
    const location = entryLocation(container, key);
    const path = formatPath(["services", ref.name, ...fields]);
    const inOtherFile = ref.file !== this.rootFile && !location ? ` (in ${this.display(ref.file)})` : "";
    return new ConfigError([{ location, path, message: `${message}${inOtherFile}` }]);
  }

  /** `a -> b -> a`; with each service's file when the cycle spans several files. */
  private describeCycle(cycle: readonly ServiceRef[]): string {
    const oneFile = cycle.every((entry) => entry.file === cycle[0]?.file);
    return cycle.map((entry) => (oneFile ? entry.name : `${entry.name} (${this.display(entry.file)})`)).join(" -> ");
  }

  /** A file as users recognise it: relative to the first file's directory. */
  private display(file: string): string {
    return relative(dirname(this.rootFile), file) || basename(file);
  }
}

function refKey(ref: ServiceRef): string {
  return `${ref.file}\u0000${ref.name}`;
}
