/**
 * Small one-string syntaxes of service fields: restart, network_mode,
 * pull_policy, devices, extra_hosts, links and volumes_from.
 */
import { isIP } from "node:net";
import type { Device, ExtraHost, Link, NetworkMode, PullPolicy, RestartPolicy } from "../model.js";
import type { Parsed } from "./ports.js";
import { parseLongDuration } from "./units.js";

/** `no`, `always`, `on-failure[:N]`, `unless-stopped`. */
export function parseRestart(text: string): Parsed<RestartPolicy> {
  if (text === "no" || text === "always" || text === "unless-stopped" || text === "on-failure") return { ok: true, value: { policy: text } };
  const match = /^on-failure:(\d+)$/.exec(text);
  if (match) return { ok: true, value: { policy: "on-failure", maxRetries: Number(match[1]) } };
  return { ok: false, message: `${JSON.stringify(text)} is not a restart policy (use no, always, on-failure[:N] or unless-stopped)` };
}

/** `bridge`, `host`, `none`, `service:NAME`, `container:NAME`. */
export function parseNetworkMode(text: string): Parsed<NetworkMode> {
  if (text === "bridge" || text === "host" || text === "none") return { ok: true, value: { kind: text } };
  if (text === "default") return { ok: true, value: { kind: "bridge" } };
  const match = /^(service|container):(.+)$/.exec(text);
  if (match?.[1] === "service") return { ok: true, value: { kind: "service", service: match[2] as string } };
  if (match?.[1] === "container") return { ok: true, value: { kind: "container", container: match[2] as string } };
  return {
    ok: false,
    message: `${JSON.stringify(text)} is not a supported network_mode (use bridge, host, none, service:NAME or container:NAME; to join a network, list it under networks:)`,
  };
}

const PULL_POLICIES = ["always", "never", "missing", "build", "if_not_present", "daily", "weekly"] as const;

/** Compose's pull policies, including `every_<duration>` (`every_12h`, `every_2d`). */
export function parsePullPolicy(text: string): Parsed<PullPolicy> {
  if ((PULL_POLICIES as readonly string[]).includes(text)) return { ok: true, value: text as PullPolicy };
  const every = /^every_(.+)$/.exec(text);
  if (every && parseLongDuration(every[1] as string) !== undefined) return { ok: true, value: text as PullPolicy };
  return {
    ok: false,
    message: `${JSON.stringify(text)} is not a pull policy (use always, never, missing, build, daily, weekly or every_<duration>)`,
  };
}

/** Short device syntax `HOST[:CONTAINER[:PERMISSIONS]]` (CDI names like `vendor.com/gpu=all` kept whole). */
export function parseDevice(text: string): Parsed<Device> {
  const parts = text.split(":");
  if (parts.length > 3 || parts.some((part) => part === "")) {
    return { ok: false, message: `${JSON.stringify(text)} is not a device (expected HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]])` };
  }
  const [source, target = source, permissions = "rwm"] = parts as [string, string?, string?];
  if (!/^[rwm]+$/.test(permissions)) return { ok: false, message: `${JSON.stringify(text)}: permissions "${permissions}" must be made of r, w and m` };
  return { ok: true, value: { source, target, permissions } };
}

/** An `extra_hosts` list entry: `host:ip`, `host=ip`, IPv6 as `host=::1`, `host:[::1]` or `host:::1`. */
export function parseExtraHost(text: string): Parsed<ExtraHost> {
  const equals = text.indexOf("=");
  const colon = text.indexOf(":");
  const separator = equals >= 0 ? equals : colon;
  if (separator <= 0) return { ok: false, message: `${JSON.stringify(text)} is not a host entry (expected HOST:IP or HOST=IP)` };
  return extraHost(text.slice(0, separator), text.slice(separator + 1), JSON.stringify(text));
}

/** Checks one host/IP pair; brackets around IPv6 addresses are removed. */
export function extraHost(host: string, address: string, written: string): Parsed<ExtraHost> {
  const ip = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (isIP(ip) === 0 && ip !== "host-gateway") return { ok: false, message: `${written}: "${address}" is not an IP address` };
  return { ok: true, value: { host, ip } };
}

/** `service` or `service:alias`. */
export function parseLink(text: string): Link {
  const colon = text.indexOf(":");
  return colon < 0 ? { service: text, alias: text } : { service: text.slice(0, colon), alias: text.slice(colon + 1) };
}

/** A `volumes_from` entry before it is resolved against data containers. */
export interface VolumesFromSpec {
  readonly container: boolean;
  readonly name: string;
  readonly readOnly: boolean;
}

/** `name`, `name:ro`, `name:rw`, `container:name[:ro]`. */
export function parseVolumesFrom(text: string): Parsed<VolumesFromSpec> {
  const container = text.startsWith("container:");
  const rest = container ? text.slice("container:".length) : text;
  const [name, mode, ...extra] = rest.split(":");
  if (!name || extra.length > 0 || (mode !== undefined && mode !== "ro" && mode !== "rw")) {
    return { ok: false, message: `${JSON.stringify(text)} is not a volumes_from entry (expected NAME[:ro|rw] or container:NAME[:ro|rw])` };
  }
  return { ok: true, value: { container, name, readOnly: mode === "ro" } };
}
