/**
 * What a single Docker Engine ignores in a stack: settings that only Swarm
 * reads. They load fine (the Swarm target needs them), so it is this target,
 * not the loader, that says it will not apply them.
 *
 * Pure: the loaded Stack in, warnings out, phrased with the written path so
 * the user finds the key in their file.
 */
import { formatPath } from "../../base/errors.js";
import type { Deploy, FileObject, Stack } from "../../stack/model.js";

/** A Swarm-only setting: its written path under the service (or secret, config), and whether the model has it. */
interface SwarmOnlySetting<T> {
  readonly path: readonly string[];
  readonly isSet: (value: T) => boolean;
}

/**
 * The `deploy` settings a single engine does not apply, in the order the
 * warnings are printed. Replicas, resources (but generic ones), and the
 * restart condition and attempts are what it does apply.
 */
const SWARM_ONLY_DEPLOY: readonly SwarmOnlySetting<Deploy>[] = [
  { path: ["endpoint_mode"], isSet: (deploy) => deploy.endpointMode !== undefined },
  { path: ["labels"], isSet: (deploy) => deploy.labels !== undefined },
  // `mode: replicated` is what a single engine does anyway.
  { path: ["mode"], isSet: (deploy) => deploy.mode !== undefined && deploy.mode !== "replicated" },
  { path: ["placement"], isSet: (deploy) => deploy.placement !== undefined },
  { path: ["rollback_config"], isSet: (deploy) => deploy.rollbackConfig !== undefined },
  { path: ["update_config"], isSet: (deploy) => deploy.updateConfig !== undefined },
  { path: ["restart_policy", "delay"], isSet: (deploy) => deploy.restartPolicy?.delayMs !== undefined },
  { path: ["restart_policy", "window"], isSet: (deploy) => deploy.restartPolicy?.windowMs !== undefined },
  { path: ["resources", "reservations", "generic_resources"], isSet: (deploy) => deploy.resources?.reservations?.genericResources !== undefined },
];

/** Secret and config settings that only Swarm's secret and config stores read. */
const SWARM_ONLY_FILE_OBJECT: readonly SwarmOnlySetting<FileObject>[] = [
  { path: ["driver"], isSet: (object) => object.driver !== undefined },
  { path: ["driver_opts"], isSet: (object) => object.driverOpts !== undefined },
  { path: ["template_driver"], isSet: (object) => object.templateDriver !== undefined },
];

function swarmOnly(path: readonly string[]): string {
  return `${formatPath(path)} is used only in Swarm mode; tsd ignores it on a single engine`;
}

/** Entries sorted by key, so the warnings come out in the same order on every run. */
function byKey<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Warnings for `settings` of `value`, each under `prefix`. */
function warningsFor<T>(value: T, settings: readonly SwarmOnlySetting<T>[], prefix: readonly string[]): string[] {
  return settings.filter((setting) => setting.isSet(value)).map((setting) => swarmOnly([...prefix, ...setting.path]));
}

/**
 * One warning per Swarm-only setting the stack writes: services by name
 * (their `deploy` settings in a fixed order), then secrets, then configs.
 */
export function singleEngineWarnings(stack: Stack): string[] {
  const warnings: string[] = [];
  for (const [name, service] of byKey(stack.services)) {
    if (service.deploy !== undefined) warnings.push(...warningsFor(service.deploy, SWARM_ONLY_DEPLOY, ["services", name, "deploy"]));
  }
  for (const kind of ["secrets", "configs"] as const) {
    for (const [name, object] of byKey(stack[kind])) warnings.push(...warningsFor(object, SWARM_ONLY_FILE_OBJECT, [kind, name]));
  }
  return warnings;
}
