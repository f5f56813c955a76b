/**
 * Every way a service names another service or data container: explicit
 * `depends_on`, legacy `links`, `volumes_from`, and the `service:x` forms of
 * `network_mode`, `ipc` and `pid`. Rules, profile selection and the graph all
 * walk the same list, so they agree on what counts as a dependency and where
 * it was written.
 */
import type { Dependency, Service } from "./model.js";

/** The field a reference was written in. */
export type ServiceReferenceKind = "depends_on" | "link" | "volumes_from" | "network_mode" | "ipc" | "pid";

/** One reference from a service to another service (or data container, for `volumes_from`). */
export interface ServiceReference {
  readonly kind: ServiceReferenceKind;
  /** Key of the service (or data container) referred to. */
  readonly target: string;
  /** True when `volumes_from` names a data container rather than a service. */
  readonly dataContainer: boolean;
  /** Path in the written tree, for locating issues: `["services","web","links",0]`. */
  readonly path: readonly (string | number)[];
  /** `false` only for a `depends_on` entry written with `required: false`. */
  readonly required: boolean;
  /** depends_on: the entry as written. */
  readonly dependency?: Dependency;
  /** link: the alias (the service name when none was written). */
  readonly alias?: string;
  /** volumes_from: mounted read-only. */
  readonly readOnly?: boolean;
}

/** `service:db` → `db`; anything else (host, container:x, shareable…) → undefined. */
export function serviceOfMode(mode: string | undefined): string | undefined {
  if (mode === undefined || !mode.startsWith("service:")) return undefined;
  const name = mode.slice("service:".length);
  return name === "" ? undefined : name;
}

/**
 * References of one service, grouped by field in a fixed order (depends_on in
 * key order, then links, volumes_from, network_mode, ipc, pid in written order).
 * `volumes_from: container:x` names a container outside the stack and is left out.
 */
export function serviceReferences(service: Service): ServiceReference[] {
  const base = ["services", service.name] as const;
  const references: ServiceReference[] = [];
  for (const target of Object.keys(service.dependsOn).sort()) {
    const dependency = service.dependsOn[target];
    if (!dependency) continue;
    references.push({ kind: "depends_on", target, dataContainer: false, path: [...base, "depends_on", target], required: dependency.required, dependency });
  }
  service.links.forEach((link, index) => {
    references.push({ kind: "link", target: link.service, dataContainer: false, path: [...base, "links", index], required: true, alias: link.alias });
  });
  service.volumesFrom.forEach((entry, index) => {
    if (entry.kind === "container") return;
    references.push({
      kind: "volumes_from",
      target: entry.name,
      dataContainer: entry.kind === "dataContainer",
      path: [...base, "volumes_from", index],
      required: true,
      readOnly: entry.readOnly,
    });
  });
  if (service.networkMode?.kind === "service") {
    references.push({ kind: "network_mode", target: service.networkMode.service, dataContainer: false, path: [...base, "network_mode"], required: true });
  }
  for (const kind of ["ipc", "pid"] as const) {
    const target = serviceOfMode(service[kind]);
    if (target !== undefined) references.push({ kind, target, dataContainer: false, path: [...base, kind], required: true });
  }
  return references;
}

/** How a message says "web <verb> db". */
export function referenceVerb(kind: ServiceReferenceKind): string {
  switch (kind) {
    case "depends_on":
      return "depends on";
    case "link":
      return "links to";
    case "volumes_from":
      return "mounts volumes from";
    case "network_mode":
      return "uses the network stack of";
    case "ipc":
      return "shares the IPC namespace of";
    case "pid":
      return "shares the PID namespace of";
  }
}
