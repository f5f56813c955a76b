/**
 * The labels tsd puts on the containers it creates: who owns it (project,
 * identity, folder, files), what it is (service or data container, replica),
 * the config it was made from (hash and JSON) and the tsd version.
 */
import {
  COMPOSE_LABEL_CONFIG_FILES,
  COMPOSE_LABEL_CONTAINER_NUMBER,
  COMPOSE_LABEL_ONEOFF,
  COMPOSE_LABEL_PROJECT,
  COMPOSE_LABEL_SERVICE,
  COMPOSE_LABEL_WORKING_DIR,
  type ContainerKind,
  LABEL_CONFIG,
  LABEL_CONFIG_HASH,
  LABEL_KIND,
  LABEL_LIVE_SETTINGS,
  LABEL_PROJECT,
  LABEL_PROJECT_DIR,
  LABEL_PROJECT_FILES,
  LABEL_PROJECT_ID,
  LABEL_REPLICA,
  LABEL_SERVICE,
  LABEL_VERSION,
} from "../../../base/labels.js";
import type { Stack } from "../../../stack/model.js";
import { type ContainerConfig, hashOfCanonicalJson } from "./config-hash.js";

/** What a container is, for its labels. */
export interface ContainerIdentity {
  readonly kind: ContainerKind;
  /** Service or data-container key. */
  readonly key: string;
  /** Services only. */
  readonly replica?: number;
  readonly config: ContainerConfig;
  /** tsd's version; absent: no version label. */
  readonly version?: string;
  /** Services: the hash of the live settings it is created with (live-settings.ts). */
  readonly liveSettingsHash?: string;
}

/** Config → its label text and hash; serviceConfig hands out one object per stack and service, so each is hashed once. */
const configTexts = new WeakMap<ContainerConfig, { readonly json: string; readonly hash: string }>();

function configText(config: ContainerConfig): { readonly json: string; readonly hash: string } {
  const known = configTexts.get(config);
  if (known) return known;
  // ContainerConfig values come from serviceConfig / dataContainerConfig, canonical already.
  const json = JSON.stringify(config);
  const text = { json, hash: hashOfCanonicalJson(json) };
  configTexts.set(config, text);
  return text;
}

/**
 * The user's labels, then tsd's (which win: the observer must be able to
 * trust them). Services also get Compose's labels, so tools that understand
 * Compose see a project, a service and a container number. Data containers
 * do not: Compose has no such thing and would list them as orphans of the
 * project, which `docker compose down --remove-orphans` deletes.
 */
export function containerLabels(stack: Stack, userLabels: Readonly<Record<string, string>>, identity: ContainerIdentity): Record<string, string> {
  const { json: configJson, hash: configHash } = configText(identity.config);
  const labels: Record<string, string> = {
    ...userLabels,
    [LABEL_PROJECT]: stack.name,
    [LABEL_PROJECT_ID]: stack.projectId,
    [LABEL_PROJECT_DIR]: stack.projectDir,
    [LABEL_PROJECT_FILES]: stack.files.join(","),
    [LABEL_SERVICE]: identity.key,
    [LABEL_KIND]: identity.kind,
    [LABEL_CONFIG_HASH]: configHash,
    [LABEL_CONFIG]: configJson,
  };
  if (identity.replica !== undefined) labels[LABEL_REPLICA] = String(identity.replica);
  if (identity.version !== undefined) labels[LABEL_VERSION] = identity.version;
  if (identity.liveSettingsHash !== undefined) labels[LABEL_LIVE_SETTINGS] = identity.liveSettingsHash;
  if (identity.kind !== "data-container") {
    labels[COMPOSE_LABEL_PROJECT] = stack.name;
    labels[COMPOSE_LABEL_SERVICE] = identity.key;
    labels[COMPOSE_LABEL_CONTAINER_NUMBER] = String(identity.replica ?? 1);
    // Compose's own marker: `docker compose up` leaves a one-off alone too.
    labels[COMPOSE_LABEL_ONEOFF] = identity.kind === "one-off" ? "True" : "False";
    labels[COMPOSE_LABEL_WORKING_DIR] = stack.projectDir;
    labels[COMPOSE_LABEL_CONFIG_FILES] = stack.files.join(",");
  }
  return labels;
}
