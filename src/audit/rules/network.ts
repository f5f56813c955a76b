/**
 * What the container shares with the host: its namespaces (CIS Docker
 * Benchmark 5.9 network, 5.15 PID, 5.16 IPC, 5.20 UTS, 5.30 user) and the
 * host interfaces its ports are published on (5.13).
 */
import type { Observation, ServiceRule, ServiceSubject } from "../finding.js";
import type { Location } from "../../stack/located.js";
import type { Port, Service } from "../../stack/model.js";
import { bindsEveryInterface } from "../../stack/syntax/ports.js";

/** One host namespace a service joins. */
interface SharedNamespace {
  readonly key: string;
  readonly effect: string;
}

function sharedNamespaces(service: Service): SharedNamespace[] {
  const shared: SharedNamespace[] = [];
  if (service.networkMode?.kind === "host") shared.push({ key: "network_mode", effect: "the host's network stack: every host interface and every service listening on the host's loopback" });
  if (service.pid === "host") shared.push({ key: "pid", effect: "the host's process table: it sees, and as root can signal or trace, every process on the host" });
  if (service.ipc === "host") shared.push({ key: "ipc", effect: "the host's shared memory and semaphores" });
  if (service.uts === "host") shared.push({ key: "uts", effect: "the host's hostname, which it can change" });
  if (service.usernsMode === "host") shared.push({ key: "userns_mode", effect: "the host's user namespace, bypassing the engine's user remapping" });
  return shared;
}

const hostNamespace: ServiceRule = {
  id: "host-namespace", severity: "high", scope: "service", summary: "network_mode, pid, ipc, uts or userns_mode: host",
  check: ({ service, path }, { locator }) =>
    sharedNamespaces(service).map(({ key, effect }) => ({
      location: locator.best([...path, key]),
      message: `${key}: host shares ${effect}`,
      fix:
        key === "network_mode"
          ? 'remove `network_mode: host`; publish what it serves, on loopback: `ports: ["127.0.0.1:8080:8080"]`'
          : `remove \`${key}: host\``,
    })),
};

function onAllInterfaces(port: Port): boolean {
  return bindsEveryInterface(port.hostIp);
}

/** `8080`, `8000-8002`, or empty for an ephemeral host port. */
function hostPorts(ports: readonly Port[]): string {
  const first = ports[0]?.published;
  const last = ports.at(-1)?.published;
  if (first === undefined || last === undefined) return "";
  return first.start === last.end ? String(first.start) : `${first.start}-${last.end}`;
}

function containerPorts(ports: readonly Port[]): string {
  const first = ports[0]?.target;
  const last = ports.at(-1)?.target;
  return first === last ? String(first) : `${first}-${last}`;
}

/** Consecutive ports (as a written range expands) grouped into one finding each. */
function runs(ports: readonly Port[]): Port[][] {
  const groups: Port[][] = [];
  for (const port of ports) {
    const group = groups.at(-1);
    const previous = group?.at(-1);
    const continues =
      previous !== undefined &&
      previous.protocol === port.protocol &&
      previous.hostIp === port.hostIp &&
      port.target === previous.target + 1 &&
      (port.published === undefined) === (previous.published === undefined) &&
      (port.published === undefined || port.published.start === (previous.published?.end ?? 0) + 1);
    if (group && continues) group.push(port);
    else groups.push([port]);
  }
  return groups;
}

function portFinding(group: readonly Port[], location: Location | undefined): Observation {
  const protocol = group[0]?.protocol === "tcp" || group[0] === undefined ? "" : `/${group[0].protocol}`;
  const host = hostPorts(group);
  const target = containerPorts(group);
  const published = host === "" ? `container port ${target}${protocol} (on an ephemeral host port)` : `host port ${host}${protocol}`;
  return {
    location,
    message: `${published} is published on every host interface: anyone who can reach the machine can connect`,
    fix: `\`ports: ["127.0.0.1:${host}:${target}${protocol}"]\` (or put a reverse proxy in front)`,
  };
}

const publishedOnAllInterfaces: ServiceRule = {
  id: "published-on-all-interfaces", severity: "medium", scope: "service", summary: "a published port with no host_ip, or 0.0.0.0 / ::",
  check: ({ service, path }: ServiceSubject, { locator }) => {
    // With the host's network the engine ignores `ports`; host-namespace reports the real exposure.
    if (service.networkMode?.kind === "host") return [];
    const listPath = [...path, "ports"];
    // One written entry per port: each finding points at its entry. Otherwise ranges were
    // expanded, so findings group each range back together and point at `ports`.
    if (locator.writtenLength(listPath) === service.ports.length) {
      return service.ports.flatMap((port, index) => (onAllInterfaces(port) ? [portFinding([port], locator.best([...listPath, index]))] : []));
    }
    return runs(service.ports.filter(onAllInterfaces)).map((group) => portFinding(group, locator.best(listPath)));
  },
};

/** The rules of this family. */
export const NETWORK_RULES: readonly ServiceRule[] = [hostNamespace, publishedOnAllInterfaces];
