/**
 * Cross-reference rules on the canonical stack: they run after profile
 * selection, on typed data, and report what only the whole stack can tell —
 * a name that points nowhere, two containers that would claim the same host
 * port or container name. Messages follow compose-go (`service "web" refers
 * to undefined network "back"`); iteration is sorted so the output is stable.
 */
import { type ConfigIssue, formatPath, sortIssues } from "../base/errors.js";
import type { IssueSink } from "./issue-sink.js";
import type { Location } from "./located.js";
import type { Mount, Stack } from "./model.js";
import { checkPorts } from "./rules-ports.js";
import { referenceVerb, serviceReferences } from "./service-references.js";
import { didYouMean } from "./suggest.js";

/** Locates a path of the written tree (e.g. `["services","web","depends_on","db"]`). */
export type Locate = (path: readonly (string | number)[]) => Location | undefined;

/**
 * Every cross-reference problem, sorted: undefined service / data container /
 * network / volume / secret / config; two services publishing the same host
 * IP:port; duplicate container_name; container_name with replicas > 1.
 */
export function checkReferences(stack: Stack, locate: Locate): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const report: IssueSink = (path, message, locatedAt = path) => {
    const location = locate(locatedAt);
    issues.push(location ? { location, path: formatPath(path), message } : { path: formatPath(path), message });
  };
  checkServiceReferences(stack, report);
  checkResourceReferences(stack, report);
  checkContainerNames(stack, report);
  checkPorts(stack, report);
  return sortIssues(issues);
}

function sortedKeys(record: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(record).sort();
}

/** depends_on, links, volumes_from and the `service:x` modes must name something in the stack. */
function checkServiceReferences(stack: Stack, report: IssueSink): void {
  for (const name of sortedKeys(stack.services)) {
    const service = stack.services[name];
    if (!service) continue;
    for (const reference of serviceReferences(service)) {
      const isService = Object.hasOwn(stack.services, reference.target);
      const services = Object.keys(stack.services);
      if (reference.kind === "volumes_from") {
        if (isService || Object.hasOwn(stack.dataContainers, reference.target)) continue;
        const suggestion = didYouMean(reference.target, [...services, ...Object.keys(stack.dataContainers)]);
        report(reference.path, `service "${name}" mounts volumes from undefined service or data container "${reference.target}"${suggestion}`);
        continue;
      }
      if (isService) continue;
      report(reference.path, `service "${name}" ${referenceVerb(reference.kind)} undefined service "${reference.target}"${didYouMean(reference.target, services)}`);
    }
  }
}

/** Named volumes, networks, secrets and configs must be declared at the top level. */
function checkResourceReferences(stack: Stack, report: IssueSink): void {
  // Each issue is located at the item that names the resource (`source:` of a long-form entry).
  const undefinedIn = (owner: string, kind: string, declared: Readonly<Record<string, unknown>>, name: string, path: readonly (string | number)[], at: readonly (string | number)[] = path): void => {
    if (!Object.hasOwn(declared, name)) report(path, `${owner} refers to undefined ${kind} "${name}"${didYouMean(name, Object.keys(declared))}`, at);
  };
  const checkMounts = (owner: string, base: readonly string[], mounts: readonly Mount[]): void => {
    mounts.forEach((mount, index) => {
      if (mount.type !== "volume" || mount.source === undefined) return;
      undefinedIn(owner, "volume", stack.volumes, mount.source, [...base, "volumes", index], [...base, "volumes", index, "source"]);
    });
  };
  for (const name of sortedKeys(stack.services)) {
    const service = stack.services[name];
    if (!service) continue;
    const owner = `service "${name}"`;
    const base = ["services", name];
    checkMounts(owner, base, service.volumes);
    for (const network of sortedKeys(service.networks)) undefinedIn(owner, "network", stack.networks, network, [...base, "networks", network]);
    service.secrets.forEach((secret, index) => undefinedIn(owner, "secret", stack.secrets, secret.source, [...base, "secrets", index], [...base, "secrets", index, "source"]));
    service.configs.forEach((config, index) => undefinedIn(owner, "config", stack.configs, config.source, [...base, "configs", index], [...base, "configs", index, "source"]));
  }
  for (const name of sortedKeys(stack.dataContainers)) {
    const dataContainer = stack.dataContainers[name];
    if (dataContainer) checkMounts(`data container "${name}"`, ["data_containers", name], dataContainer.volumes);
  }
}

/** Container names are global on the engine: unique across services and replicas. */
function checkContainerNames(stack: Stack, report: IssueSink): void {
  const firstUser = new Map<string, string>();
  for (const name of sortedKeys(stack.services)) {
    const service = stack.services[name];
    const containerName = service?.containerName;
    if (!service || containerName === undefined) continue;
    const path = ["services", name, "container_name"];
    if (service.replicas > 1) {
      // Path `services.web` (not `…container_name`) so the printed line does not say "container_name" twice.
      report(["services", name], `container_name "${containerName}" cannot be used with ${service.replicas} replicas (container names must be unique)`, path);
    }
    const other = firstUser.get(containerName);
    if (other === undefined) firstUser.set(containerName, name);
    else report(path, `services "${other}" and "${name}" both use container_name "${containerName}"`);
  }
}
