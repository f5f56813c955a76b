/**
 * Names and labels of every Swarm object tsd makes for a stack, the way
 * `docker stack deploy` names them (`<project>_<key>`, with
 * `com.docker.stack.namespace`), so `docker stack ps <project>` sees a tsd
 * stack; plus tsd's own project labels, which are what tsd trusts.
 */
import { LABEL_PROJECT, LABEL_PROJECT_DIR, LABEL_PROJECT_ID, LABEL_RESOURCE, LABEL_SERVICE, LABEL_VERSION } from "../../../base/labels.js";
import type { Stack } from "../../../stack/model.js";

/** docker/cli's stack label: every object of `docker stack deploy <name>` carries it. */
export const LABEL_STACK_NAMESPACE = "com.docker.stack.namespace";
/** docker/cli's record of the image as written, on the service. */
export const LABEL_STACK_IMAGE = "com.docker.stack.image";
/** Per-field hashes of the service's spec, `field=hash8;…`: which fields an update changes. */
export const LABEL_CONFIG_FIELDS = "dev.tsd.config-fields";
/** A secret's or config's content hash (the `_hash8` suffix of its name, in full). */
export const LABEL_CONTENT_HASH = "dev.tsd.content-hash";

/** `<project>_<key>`: a service's name on the swarm. */
export function swarmServiceName(stack: Stack, serviceKey: string): string {
  return `${stack.name}_${serviceKey}`;
}

/** The labels that find a project's objects: what observe filters by. */
export function projectFilter(stack: Stack): Record<string, string> {
  return { [LABEL_PROJECT]: stack.name, [LABEL_PROJECT_ID]: stack.projectId };
}

/** Labels on every object tsd makes for `stack`. */
export function projectLabels(stack: Stack, version: string): Record<string, string> {
  return { ...projectFilter(stack), [LABEL_PROJECT_DIR]: stack.projectDir, [LABEL_VERSION]: version, [LABEL_STACK_NAMESPACE]: stack.name };
}

/** Labels of a network, secret or config made for the stack's `key`. */
export function resourceLabels(stack: Stack, key: string, version: string, own: Readonly<Record<string, string>>): Record<string, string> {
  return { ...own, ...projectLabels(stack, version), [LABEL_RESOURCE]: key };
}

/** Labels every task's container carries (`docker ps` on a node then says whose it is). */
export function taskLabels(stack: Stack, serviceKey: string): Record<string, string> {
  return { ...projectFilter(stack), [LABEL_SERVICE]: serviceKey, [LABEL_STACK_NAMESPACE]: stack.name };
}
