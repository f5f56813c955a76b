/**
 * Compose features tsd deliberately does not implement. Writing one is an
 * error (`not supported by tsd: <feature> (<reason>)`) rather than a silent
 * no-op, so a stack never runs differently from what its file says.
 */

/** Where in a stack file a key is written (see {@link UNSUPPORTED_KEYS}). */
export type Place =
  | "top-level"
  | "service"
  | "build"
  | "deploy"
  | "deploy.resources"
  | "deploy.resources.limits"
  | "deploy.resources.reservations"
  | "deploy.restart_policy"
  | "deploy.placement"
  | "deploy.placement.preferences"
  | "deploy.update"
  | "healthcheck"
  | "logging"
  | "mount"
  | "mount.bind"
  | "mount.volume"
  | "mount.tmpfs"
  | "port"
  | "depends_on"
  | "service.network"
  | "env_file"
  | "file_reference"
  | "device"
  | "device_request"
  | "ulimit"
  | "develop"
  | "watch"
  | "watch.exec"
  | "network"
  | "ipam"
  | "ipam.config"
  | "volume"
  | "external"
  | "secret"
  | "config"
  | "data_container"
  | "extends"
  | "include";

interface UnsupportedFeature {
  readonly feature: string;
  readonly reason: string;
  /** The places and keys that spell it. */
  readonly keys: readonly (readonly [Place, string])[];
}

const CONTAINER_API = "it has no equivalent in the Docker Engine container API tsd uses";
const BUILDKIT = "tsd builds with the classic Engine build API, which has no such option";

const FEATURES: readonly UnsupportedFeature[] = [
  { feature: "models", reason: "AI model runners are a Docker Desktop feature", keys: [["top-level", "models"], ["service", "models"]] },
  { feature: "provider", reason: "provider services run Docker Compose plugins", keys: [["service", "provider"]] },
  { feature: "post_start", reason: "lifecycle hooks are not implemented", keys: [["service", "post_start"]] },
  { feature: "pre_start", reason: "lifecycle hooks are not implemented", keys: [["service", "pre_start"]] },
  { feature: "pre_stop", reason: "lifecycle hooks are not implemented", keys: [["service", "pre_stop"]] },
  { feature: "credential_spec", reason: "Windows-only (gMSA credentials)", keys: [["service", "credential_spec"]] },
  { feature: "isolation", reason: "Windows-only container isolation", keys: [["service", "isolation"]] },
  { feature: "blkio_config", reason: "block IO weights and limits are not implemented", keys: [["service", "blkio_config"]] },
  { feature: "device_cgroup_rules", reason: "device cgroup rules are not implemented; use devices", keys: [["service", "device_cgroup_rules"]] },
  { feature: "external_links", reason: "legacy links to containers outside the stack; use a shared network", keys: [["service", "external_links"]] },
  { feature: "label_file", reason: "write the labels under labels:", keys: [["service", "label_file"]] },
  { feature: "annotations", reason: "OCI annotations are not implemented", keys: [["service", "annotations"]] },
  { feature: "storage_opt", reason: "storage driver options are not implemented", keys: [["service", "storage_opt"]] },
  { feature: "use_api_socket", reason: "tsd does not hand the Docker socket to containers", keys: [["service", "use_api_socket"]] },
  { feature: "cgroup", reason: "cgroup namespace mode is not implemented", keys: [["service", "cgroup"]] },
  { feature: "cpu_count", reason: "Windows-only; use cpus", keys: [["service", "cpu_count"]] },
  { feature: "cpu_percent", reason: "Windows-only; use cpus", keys: [["service", "cpu_percent"]] },
  { feature: "cpu_rt_period", reason: "real-time scheduler limits are not implemented", keys: [["service", "cpu_rt_period"]] },
  { feature: "cpu_rt_runtime", reason: "real-time scheduler limits are not implemented", keys: [["service", "cpu_rt_runtime"]] },
  { feature: "pull_refresh_after", reason: "use pull_policy: every_<duration>", keys: [["service", "pull_refresh_after"]] },
  { feature: "build.ssh", reason: BUILDKIT, keys: [["build", "ssh"]] },
  { feature: "build.secrets", reason: BUILDKIT, keys: [["build", "secrets"]] },
  { feature: "build.additional_contexts", reason: BUILDKIT, keys: [["build", "additional_contexts"]] },
  { feature: "build.entitlements", reason: BUILDKIT, keys: [["build", "entitlements"]] },
  { feature: "build.privileged", reason: BUILDKIT, keys: [["build", "privileged"]] },
  { feature: "build.cache_to", reason: BUILDKIT, keys: [["build", "cache_to"]] },
  { feature: "build.no_cache_filter", reason: BUILDKIT, keys: [["build", "no_cache_filter"]] },
  { feature: "build.provenance", reason: BUILDKIT, keys: [["build", "provenance"]] },
  { feature: "build.sbom", reason: BUILDKIT, keys: [["build", "sbom"]] },
  { feature: "build.isolation", reason: "Windows-only container isolation", keys: [["build", "isolation"]] },
  { feature: "build.ulimits", reason: "build ulimits are not implemented", keys: [["build", "ulimits"]] },
  { feature: 'volumes type "image"', reason: "image mounts are not implemented", keys: [["mount", "image"]] },
  { feature: 'volumes type "npipe"', reason: "Windows named pipes", keys: [] },
  { feature: 'volumes type "cluster"', reason: "Swarm cluster volumes", keys: [] },
  { feature: "volumes bind.recursive", reason: CONTAINER_API, keys: [["mount.bind", "recursive"]] },
  { feature: "volumes volume.labels", reason: "label the volume in the top-level volumes: section", keys: [["mount.volume", "labels"]] },
];

/** Every unsupported feature and why, for the README and tests. */
export const UNSUPPORTED_FEATURES: Readonly<Record<string, string>> = Object.fromEntries(
  FEATURES.map((feature) => [feature.feature, feature.reason]),
);

/** How every unsupported-feature message begins. */
export const UNSUPPORTED_PREFIX = "not supported by tsd: ";

/** The message for an unsupported feature. */
export function unsupportedMessage(feature: string): string {
  return `${UNSUPPORTED_PREFIX}${feature} (${UNSUPPORTED_FEATURES[feature] ?? "not implemented"})`;
}

/** The unsupported feature a key spells at a place, if any. */
export function unsupportedFeatureAt(place: Place, key: string): string | undefined {
  return FEATURES.find((feature) => feature.keys.some(([p, k]) => p === place && k === key))?.feature;
}
