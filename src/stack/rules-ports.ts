/**
 * Host port conflicts: two containers of the stack binding the same host
 * IP:port for the same protocol. The engine would fail the second container
 * half-way through `up`; catching it while loading names both services.
 *
 * What counts as a conflict:
 * - a fixed port (`8080:80`) overlaps another fixed port, or lies inside
 *   another entry's range (`8080-8090:80`): the range might take it first,
 *   depending on start order, so the stack only works by luck;
 * - two ranges wider than one port do not conflict (the engine picks a free
 *   port from each);
 * - a service with N replicas needs N host ports per entry: a fixed port, or
 *   a range narrower than N, cannot be shared by its replicas;
 * - an absent host IP, `0.0.0.0` or `::` binds every address, so it overlaps
 *   any IP; two different explicit IPs never overlap.
 */
import type { Port, PortRange, Protocol, Stack } from "./model.js";
import type { IssueSink } from "./issue-sink.js";
import { bindsEveryInterface } from "./syntax/ports.js";

/** One published host binding of one service. */
interface Binding {
  readonly service: string;
  readonly hostIp: string | undefined;
  readonly protocol: Protocol;
  readonly range: PortRange;
  readonly target: number;
}

/** Reports every port conflict of the stack through `report`. */
export function checkPorts(stack: Stack, report: IssueSink): void {
  const bindings: Binding[] = [];
  for (const name of Object.keys(stack.services).sort()) {
    const service = stack.services[name];
    if (!service) continue;
    const own = uniqueBindings(name, service.ports);
    for (const binding of own) checkReplicas(binding, service.replicas, report);
    bindings.push(...own);
  }
  const reported = new Set<string>();
  bindings.forEach((first, index) => {
    for (const second of bindings.slice(index + 1)) {
      const port = conflictingPort(first, second);
      if (port === undefined) continue;
      const where = first.hostIp !== undefined && !bindsEveryInterface(first.hostIp) && first.hostIp === second.hostIp ? `${first.hostIp}:` : "";
      const message =
        first.service === second.service
          ? `service "${first.service}" publishes host port ${where}${port}/${first.protocol} twice`
          : `services "${first.service}" and "${second.service}" both publish host port ${where}${port}/${first.protocol}`;
      if (reported.has(message)) continue;
      reported.add(message);
      report(["services", second.service, "ports"], message);
    }
  });
}

/** Published entries only; an entry written twice exactly is one binding (as Compose de-duplicates it). */
function uniqueBindings(service: string, ports: readonly Port[]): Binding[] {
  const seen = new Set<string>();
  const bindings: Binding[] = [];
  for (const port of ports) {
    if (port.published === undefined) continue;
    const key = JSON.stringify([port.hostIp ?? "", port.protocol, port.published.start, port.published.end, port.target]);
    if (seen.has(key)) continue;
    seen.add(key);
    bindings.push({ service, hostIp: port.hostIp, protocol: port.protocol, range: port.published, target: port.target });
  }
  return bindings;
}

function checkReplicas(binding: Binding, replicas: number, report: IssueSink): void {
  const width = binding.range.end - binding.range.start + 1;
  if (replicas <= 1 || width >= replicas) return;
  const ports = width === 1 ? `host port ${binding.range.start}` : `host ports ${binding.range.start}-${binding.range.end}`;
  const suggestion = `${binding.range.start}-${binding.range.start + replicas - 1}:${binding.target}`;
  report(
    ["services", binding.service, "ports"],
    `${ports}/${binding.protocol} cannot be shared by ${replicas} replicas of service "${binding.service}"; publish a range of ${replicas} ports (e.g. "${suggestion}") or leave the host port out`,
  );
}

function ipsOverlap(a: string | undefined, b: string | undefined): boolean {
  return bindsEveryInterface(a) || bindsEveryInterface(b) || a?.toLowerCase() === b?.toLowerCase();
}

/** The first host port both bindings may claim, or undefined when they can coexist. */
function conflictingPort(a: Binding, b: Binding): number | undefined {
  if (a.protocol !== b.protocol || !ipsOverlap(a.hostIp, b.hostIp)) return undefined;
  const aFixed = a.range.start === a.range.end;
  const bFixed = b.range.start === b.range.end;
  if (!aFixed && !bFixed) return undefined;
  const start = Math.max(a.range.start, b.range.start);
  const end = Math.min(a.range.end, b.range.end);
  return start <= end ? start : undefined;
}
