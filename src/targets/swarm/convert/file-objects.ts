/**
 * Secrets and configs as Swarm objects named by their content:
 * `<project>_<key>_<hash8>`. Swarm refuses to change an object's data
 * (moby#33808), so a changed file makes a new object, the service rolls
 * over to it, and the old one is removed once the service converged.
 *
 * The content is read by the target (files, the caller's environment,
 * inline text) before conversion; what is here is pure.
 */
import { createHash } from "node:crypto";
import type { FileObject, Stack } from "../../../stack/model.js";
import type { SwarmFileObjectSpec } from "../../../docker-api/swarm-types.js";
import { LABEL_CONTENT_HASH, resourceLabels } from "./names.js";

/** The two stores, by the stack's section names. */
export type FileObjectSection = "secrets" | "configs";

/** A secret's or config's content, read: what the hash and the object are made of. */
export interface FileObjectContent {
  readonly key: string;
  readonly section: FileObjectSection;
  /** The bytes (absent for an external object: it exists already, under `externalName`). */
  readonly data?: Buffer;
}

/** What a secret or config becomes: its name on the swarm and, unless external, the spec that makes it. */
export interface DesiredFileObject {
  readonly key: string;
  readonly section: FileObjectSection;
  readonly name: string;
  readonly external: boolean;
  readonly spec?: SwarmFileObjectSpec;
}

/** sha256 of what defines the object: data, driver and templating (a new driver is a new object too). */
export function contentHash(object: FileObject, data: Buffer): string {
  const hash = createHash("sha256");
  hash.update(data);
  hash.update(JSON.stringify([object.driver ?? null, object.driverOpts ?? null, object.templateDriver ?? null]));
  return hash.digest("hex");
}

/**
 * `<project>_<key>_<hash8>`, at most 64 characters (Swarm's limit): a long
 * key is cut, the hash never.
 */
export function contentName(stack: Stack, key: string, hash: string): string {
  const suffix = `_${hash.slice(0, 8)}`;
  return `${`${stack.name}_${key}`.slice(0, 64 - suffix.length)}${suffix}`;
}

/** The object for one secret or config. */
export function desiredFileObject(stack: Stack, content: FileObjectContent, version: string): DesiredFileObject {
  const object = stack[content.section][content.key] as FileObject;
  if (object.external || content.data === undefined) return { key: content.key, section: content.section, name: object.name, external: true };
  const hash = contentHash(object, content.data);
  const name = contentName(stack, content.key, hash);
  const spec: SwarmFileObjectSpec = {
    Name: name,
    Labels: { ...resourceLabels(stack, content.key, version, object.labels), [LABEL_CONTENT_HASH]: hash },
    Data: content.data.toString("base64"),
    ...(object.driver ? { Driver: { Name: object.driver, ...(object.driverOpts ? { Options: object.driverOpts } : {}) } } : {}),
    ...(object.templateDriver ? { Templating: { Name: object.templateDriver } } : {}),
  };
  return { key: content.key, section: content.section, name, external: false, spec };
}
