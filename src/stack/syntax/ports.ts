/**
 * Port syntaxes: the short `ports` form `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`
 * (ranges allowed on both sides) and `expose` entries.
 */
import { isIP } from "node:net";
import type { ExposedPort, Port, PortRange, Protocol } from "../model.js";

/** A parse result: the value, or a message naming what is wrong with the written text. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const PROTOCOLS: readonly Protocol[] = ["tcp", "udp", "sctp"];

/** True for a transport protocol Docker publishes. */
export function isProtocol(text: string): text is Protocol {
  return (PROTOCOLS as readonly string[]).includes(text);
}

/** Parses `8080`, `8080-8081` into a range; `undefined` when not a port or range of ports 1–65535. */
export function parsePortRange(text: string): PortRange | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (!isPort(start) || !isPort(end) || end < start) return undefined;
  return { start, end };
}

/** `81-80`: a range written backwards, which Docker refuses; `undefined` for anything else. */
export function descendingRangeProblem(text: string): string | undefined {
  const match = /^(\d+)-(\d+)$/.exec(text);
  if (!match || Number(match[2]) >= Number(match[1])) return undefined;
  return `range "${text}" runs backwards (write the lower port first: ${match[2]}-${match[1]})`;
}

function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** Splits off `/protocol`. */
function splitProtocol(spec: string, written: string): Parsed<{ rest: string; protocol: Protocol }> {
  const slash = spec.lastIndexOf("/");
  if (slash < 0) return { ok: true, value: { rest: spec, protocol: "tcp" } };
  const protocol = spec.slice(slash + 1);
  if (!isProtocol(protocol)) return { ok: false, message: `${written}: protocol "${protocol}" must be tcp, udp or sctp` };
  return { ok: true, value: { rest: spec.slice(0, slash), protocol } };
}

/** Splits `[ip:][published:]target`, with IPv6 host IPs in brackets. */
function splitHostParts(rest: string): { hostIp?: string; published?: string; target: string } | undefined {
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0 || rest[close + 1] !== ":") return undefined;
    const [published, target, ...extra] = rest.slice(close + 2).split(":");
    if (target === undefined || extra.length > 0) return undefined;
    return { hostIp: rest.slice(1, close), published, target };
  }
  const parts = rest.split(":");
  if (parts.length === 1) return { target: parts[0] as string };
  if (parts.length === 2) return { published: parts[0] as string, target: parts[1] as string };
  // More than three parts: an unbracketed IPv6 address; the last two are the ports.
  return { hostIp: parts.slice(0, -2).join(":"), published: parts[parts.length - 2] as string, target: parts[parts.length - 1] as string };
}

/** True when a published port's host IP means "every interface of the host" (none written, or an unspecified address). */
export function bindsEveryInterface(hostIp: string | undefined): boolean {
  return hostIp === undefined || hostIp === "" || hostIp === "0.0.0.0" || hostIp === "::" || hostIp === "[::]";
}

const SHORT_FORM = "[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]";

/** Parses a short `ports` entry into one port per container port. */
export function parseShortPort(spec: string | number): Parsed<Port[]> {
  const written = JSON.stringify(String(spec));
  if (typeof spec === "number") {
    return isPort(spec) ? { ok: true, value: [{ target: spec, protocol: "tcp", mode: "ingress" }] } : { ok: false, message: `${written} is not a valid port (1-65535)` };
  }
  const withProtocol = splitProtocol(spec.trim(), written);
  if (!withProtocol.ok) return withProtocol;
  const { rest, protocol } = withProtocol.value;
  const parts = splitHostParts(rest);
  if (!parts) return { ok: false, message: `${written} is not a valid port mapping: expected ${SHORT_FORM}` };
  if (parts.hostIp !== undefined && isIP(parts.hostIp) === 0) return { ok: false, message: `${written}: "${parts.hostIp}" is not a valid IP address` };
  const target = parsePortRange(parts.target);
  const published = parts.published ? parsePortRange(parts.published) : undefined;
  if (!target || (parts.published && !published)) {
    const backwards = descendingRangeProblem(parts.published ?? "") ?? descendingRangeProblem(parts.target);
    if (backwards) return { ok: false, message: `${written}: ${backwards}` };
    const allDigits = /^[\d-]+$/.test(parts.target) && (!parts.published || /^[\d-]+$/.test(parts.published));
    return { ok: false, message: allDigits ? `${written} is not a valid port (1-65535)` : `${written} is not a valid port mapping: expected ${SHORT_FORM}` };
  }
  const base = { protocol, mode: "ingress" as const, ...(parts.hostIp ? { hostIp: parts.hostIp } : {}) };
  const count = target.end - target.start + 1;
  if (!published) return { ok: true, value: rangeValues(target).map((port) => ({ ...base, target: port })) };
  const publishedCount = published.end - published.start + 1;
  if (count === 1) return { ok: true, value: [{ ...base, target: target.start, published }] };
  if (publishedCount !== count) {
    return { ok: false, message: `${written}: the host port range and the container port range must have the same length` };
  }
  return {
    ok: true,
    value: rangeValues(target).map((port, index) => ({ ...base, target: port, published: { start: published.start + index, end: published.start + index } })),
  };
}

function rangeValues(range: PortRange): number[] {
  return Array.from({ length: range.end - range.start + 1 }, (_, index) => range.start + index);
}

/** Parses an `expose` entry: `3000`, `"3000-3005"`, `"3000/udp"`. */
export function parseExpose(spec: string | number): Parsed<ExposedPort[]> {
  const written = JSON.stringify(String(spec));
  const withProtocol = splitProtocol(String(spec).trim(), written);
  if (!withProtocol.ok) return withProtocol;
  const range = parsePortRange(withProtocol.value.rest);
  if (!range) return { ok: false, message: `${written} is not a valid port (1-65535)` };
  return { ok: true, value: rangeValues(range).map((port) => ({ port, protocol: withProtocol.value.protocol })) };
}
