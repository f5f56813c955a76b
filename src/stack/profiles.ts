/**
 * Profile selection, with Compose's semantics: a service without `profiles`
 * is always enabled; a service with profiles only when one of them is active;
 * the profile `*` enables every service. Only services are selected: data
 * containers, volumes, networks, secrets and configs are left as they are.
 *
 * An enabled service that needs a disabled one would fail at `up` with a
 * confusing "no such service"; here it is an issue that names the profile to
 * enable. An optional `depends_on` entry (`required: false`) is dropped
 * instead, as Compose does.
 */
import { type ConfigIssue, formatPath, sortIssues } from "../base/errors.js";
import type { Dependency, Service, Stack } from "./model.js";
import type { Locate } from "./rules.js";
import { referenceVerb, serviceReferences } from "./service-references.js";
import { didYouMean } from "./suggest.js";

export type ProfileResult = { ok: true; stack: Stack } | { ok: false; issues: ConfigIssue[] };

/** True when `service` runs with these active profiles. */
export function isServiceEnabled(service: Service, activeProfiles: readonly string[]): boolean {
  if (service.profiles.length === 0) return true;
  if (activeProfiles.includes("*")) return true;
  return service.profiles.some((profile) => activeProfiles.includes(profile));
}

/**
 * Keeps services with no profiles or an active profile (`*` activates all).
 * An enabled service depending on a disabled one is an issue naming both,
 * unless the dependency has `required: false` (then the edge is dropped).
 */
export function applyProfiles(stack: Stack, activeProfiles: readonly string[], locate: Locate): ProfileResult {
  const enabled = new Set(Object.keys(stack.services).filter((name) => isServiceEnabled(stack.services[name] as Service, activeProfiles)));
  const issues: ConfigIssue[] = [];
  const services: Record<string, Service> = {};

  for (const name of Object.keys(stack.services).sort()) {
    const service = stack.services[name];
    if (!service || !enabled.has(name)) continue;
    const dropped = new Set<string>();
    for (const reference of serviceReferences(service)) {
      const target = stack.services[reference.target];
      // Undefined targets (and data containers) are not selection's business: the rules report them.
      if (!target || enabled.has(reference.target) || reference.dataContainer) continue;
      if (reference.kind === "depends_on" && !reference.required) {
        dropped.add(reference.target);
        continue;
      }
      const location = locate(reference.path);
      const message = disabledMessage(name, referenceVerb(reference.kind), reference.target, target);
      const path = formatPath(reference.path);
      issues.push(location ? { location, path, message } : { path, message });
    }
    services[name] = dropped.size === 0 ? service : { ...service, dependsOn: withoutDependencies(service.dependsOn, dropped) };
  }

  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  const profiles = [...new Set(activeProfiles)].sort();
  return { ok: true, stack: { ...stack, profiles, services } };
}

/** `service "web" depends on "debug-tools", which is disabled (profile "debug"); enable it with --profile debug` */
function disabledMessage(name: string, verb: string, targetName: string, target: Service): string {
  const profiles = [...target.profiles].sort();
  const label = profiles.length === 1 ? "profile" : "profiles";
  const quoted = profiles.map((profile) => `"${profile}"`).join(", ");
  return `service "${name}" ${verb} "${targetName}", which is disabled (${label} ${quoted}); enable it with --profile ${profiles[0] ?? ""}`;
}

function withoutDependencies(dependsOn: Readonly<Record<string, Dependency>>, dropped: ReadonlySet<string>): Record<string, Dependency> {
  return Object.fromEntries(Object.entries(dependsOn).filter(([target]) => !dropped.has(target)));
}

/**
 * An active profile no service lists selects nothing: almost always a typo
 * (`--profile debgu`). Compose accepts it silently; tsd warns, with the
 * closest profile the stack has.
 */
export function unknownProfileWarnings(stack: Stack, activeProfiles: readonly string[]): string[] {
  const known = new Set(Object.values(stack.services).flatMap((service) => service.profiles));
  return [...new Set(activeProfiles)]
    .filter((profile) => profile !== "*" && !known.has(profile))
    .sort()
    .map((profile) => `profile "${profile}" is not used by any service${didYouMean(profile, known) || (known.size > 0 ? ` (profiles in this stack: ${[...known].sort().join(", ")})` : "")}`);
}
