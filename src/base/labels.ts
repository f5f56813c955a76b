/**
 * Label keys tsd writes on every engine object it creates. One file, so the
 * observer, the planner and the adapter can never disagree on a spelling.
 *
 * The `com.docker.compose.*` keys are written too, with Compose's meaning, so
 * `docker ps --filter label=com.docker.compose.project=…` and other tools
 * that understand Compose labels see tsd's containers as what they are. tsd
 * itself only trusts its own `dev.tsd.*` keys: a Compose-made container is
 * never adopted.
 */

/**
 * Prefixes of the label keys tsd writes and trusts (its own, and Compose's for
 * interoperability). A user label under them could make tsd adopt or ignore
 * the wrong object, so the loader refuses them on user labels.
 */
export const RESERVED_LABEL_PREFIXES = ["dev.tsd.", "com.docker.compose."] as const;

/** Project name (the normalised `name`). */
export const LABEL_PROJECT = "dev.tsd.project";
/** Stable project identity: hash of the project directory's real path. */
export const LABEL_PROJECT_ID = "dev.tsd.project.id";
/** Project directory, for `tsd ls` and for explaining a name clash. */
export const LABEL_PROJECT_DIR = "dev.tsd.project.dir";
/** Stack files, comma-separated, for `tsd ls`. */
export const LABEL_PROJECT_FILES = "dev.tsd.project.files";
/** Service key (services) or data-container key (data containers). */
export const LABEL_SERVICE = "dev.tsd.service";
/** What a container is: a service replica, a data container, or a one-off (`tsd run`). */
export const LABEL_KIND = "dev.tsd.kind";
/** Replica number, from 1. */
export const LABEL_REPLICA = "dev.tsd.replica";
/** Hash of the container's canonical spec: a different hash means recreate. */
export const LABEL_CONFIG_HASH = "dev.tsd.config-hash";
/** The spec the hash was computed from (JSON), so a recreate can say which fields changed. */
export const LABEL_CONFIG = "dev.tsd.config";
/** The hash of the live settings (restart policy, limits) a service's container was created with: `up` inspects only containers whose settings may differ. */
export const LABEL_LIVE_SETTINGS = "dev.tsd.live-settings";
/** Network or volume key in the stack. */
export const LABEL_RESOURCE = "dev.tsd.resource";
/** Version of tsd that created the object. */
export const LABEL_VERSION = "dev.tsd.version";

/** Compose's own keys, written for interoperability only. */
export const COMPOSE_LABEL_PROJECT = "com.docker.compose.project";
export const COMPOSE_LABEL_SERVICE = "com.docker.compose.service";
export const COMPOSE_LABEL_CONTAINER_NUMBER = "com.docker.compose.container-number";
export const COMPOSE_LABEL_ONEOFF = "com.docker.compose.oneoff";
export const COMPOSE_LABEL_NETWORK = "com.docker.compose.network";
export const COMPOSE_LABEL_VOLUME = "com.docker.compose.volume";
export const COMPOSE_LABEL_WORKING_DIR = "com.docker.compose.project.working_dir";
export const COMPOSE_LABEL_CONFIG_FILES = "com.docker.compose.project.config_files";

/**
 * Values of {@link LABEL_KIND}. A `one-off` container (`tsd run`) belongs to
 * its service's project but is never one of its replicas: `up` neither
 * converges it nor calls it an orphan; `down` removes it.
 */
export type ContainerKind = "service" | "data-container" | "one-off";

/** Anything the engine labels: a container, a network, a volume, an engine event's attributes. */
export interface Labelled {
  readonly labels: Readonly<Record<string, string>>;
}

/** The replica number a container was created as (from 1); undefined when its label is missing or malformed. */
export function replicaOf(object: Labelled): number | undefined {
  const replica = Number(object.labels[LABEL_REPLICA]);
  return Number.isInteger(replica) && replica > 0 ? replica : undefined;
}

/** The service (or data container) key a container belongs to; empty when unlabelled. */
export function serviceOf(object: Labelled): string {
  return object.labels[LABEL_SERVICE] ?? "";
}

/** Whether a container is a data container (else a service replica or a one-off). */
export function isDataContainer(object: Labelled): boolean {
  return object.labels[LABEL_KIND] === "data-container";
}

/** Whether a container is a one-off (`tsd run`): never a replica, never converged by `up`. */
export function isOneOff(object: Labelled): boolean {
  return object.labels[LABEL_KIND] === "one-off";
}
