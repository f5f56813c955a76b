/**
 * Identities of list entries and mapping-like fields, for merging: which
 * volume, port, secret or env file an entry is about, and how `KEY=VALUE`
 * lists and mappings meet.
 */
import { type Plain, type PlainList, type PlainMap, cloneLocated, copyEntry, isList, isMap } from "./located.js";
import { type Side, emptyLike, placeCopy } from "./merge-helpers.js";
import { parseShortPort } from "./syntax/ports.js";

/** A mount's container path: `src:dst[:mode]`, `dst`, or long form `target`. */
export function volumeTarget(item: Plain): string | undefined {
  let target: Plain | undefined;
  if (typeof item === "string") {
    const parts = item.split(":");
    target = parts.length === 1 ? parts[0] : parts[1];
  } else if (isMap(item)) {
    target = item.target;
  }
  if (typeof target !== "string" || target === "") return undefined;
  return target.length > 1 ? target.replace(/\/+$/, "") : target;
}

/** A device's container path: `host[:container[:perms]]` or long form `target`. */
export function deviceTarget(item: Plain): string | undefined {
  if (typeof item === "string") {
    const parts = item.split(":");
    return parts.length === 1 ? parts[0] : parts[1];
  }
  return isMap(item) && typeof item.target === "string" ? item.target : undefined;
}

/**
 * What a port entry publishes, short or long syntax alike, so `"8080:80"`
 * and `{target: 80, published: 8080}` are the same port while the same port
 * on two host IPs stays two ports.
 */
export function portKey(item: Plain): string | undefined {
  if (typeof item === "string" || typeof item === "number") {
    const parsed = parseShortPort(item);
    if (!parsed.ok) return undefined;
    return JSON.stringify(
      parsed.value.map((port) => [port.hostIp ?? "", port.published ? `${port.published.start}-${port.published.end}` : "", port.target, port.protocol]),
    );
  }
  if (!isMap(item)) return undefined;
  const target = Number(item.target);
  if (!Number.isInteger(target)) return undefined;
  const hostIp = typeof item.host_ip === "string" ? item.host_ip : "";
  const published = item.published === undefined || item.published === null ? "" : publishedRange(String(item.published));
  const protocol = typeof item.protocol === "string" ? item.protocol : "tcp";
  return JSON.stringify([[hostIp, published, target, protocol]]);
}

function publishedRange(text: string): string {
  const [start, end = start] = text.split("-");
  return `${Number(start)}-${Number(end)}`;
}

/** A secret's or config's path in the container; short form `name` mounts at `<directory>/name`. */
export function mountTarget(directory: string): (item: Plain) => string | undefined {
  return (item) => {
    if (typeof item === "string") return `${directory}/${item}`;
    if (!isMap(item)) return undefined;
    if (typeof item.target === "string") return item.target.startsWith("/") ? item.target : `${directory}/${item.target}`;
    return typeof item.source === "string" ? `${directory}/${item.source}` : undefined;
  };
}

/** An `env_file` / `label_file` entry's path: `file` or `{path: file}`. */
export function filePathKey(item: Plain): string | undefined {
  if (typeof item === "string") return item;
  return isMap(item) && typeof item.path === "string" ? item.path : undefined;
}

/** The identity of a plain list entry (`cap_add`, `expose`): its text. */
export function textKey(item: Plain): string | undefined {
  return typeof item === "string" || typeof item === "number" ? String(item) : undefined;
}

/** An IPAM pool's subnet. */
export function subnetKey(item: Plain): string | undefined {
  return isMap(item) && typeof item.subnet === "string" ? item.subnet : undefined;
}

/**
 * Merges mapping-like fields (environment, labels, build.args, sysctls …)
 * written as `KEY=VALUE` lists, mappings or one of each. The result is a
 * mapping: `KEY` without a value becomes null; the later definition of a key
 * wins, also inside one list. A shape that is neither yields the override.
 */
export function mergeMappingLike(base: Side, override: Side): Plain {
  const baseMap = keyValueMap(base.value, "=");
  const overrideMap = keyValueMap(override.value, "=");
  if (!baseMap || !overrideMap) return cloneLocated(override.value);
  const out = emptyLike<PlainMap>({}, baseMap);
  for (const key of Object.keys(baseMap)) placeCopy(baseMap, key, out, key);
  for (const key of Object.keys(overrideMap)) placeCopy(overrideMap, key, out, key);
  return out;
}

/**
 * `extra_hosts` as `host:ip` / `host=ip` lists or mappings (an address or a
 * list of them). Merged by host: the override's addresses for a host replace
 * the base's. A host listed twice on one side keeps both addresses.
 */
export function mergeExtraHosts(base: Side, override: Side): Plain {
  const baseMap = hostMap(base.value);
  const overrideMap = hostMap(override.value);
  if (!baseMap || !overrideMap) return cloneLocated(override.value);
  const out = emptyLike<PlainMap>({}, baseMap);
  for (const key of Object.keys(baseMap)) placeCopy(baseMap, key, out, key);
  for (const key of Object.keys(overrideMap)) placeCopy(overrideMap, key, out, key);
  return out;
}

/** A mapping from a `KEY=VALUE` list (or a mapping as it is); undefined for other shapes. */
function keyValueMap(value: Plain, separator: string): PlainMap | undefined {
  if (isMap(value)) return value;
  if (!isList(value)) return undefined;
  const out = emptyLike<PlainMap>({}, value);
  for (const [index, item] of value.entries()) {
    const text = listItemText(item);
    if (text === undefined) return undefined;
    const at = text.indexOf(separator);
    const key = at < 0 ? text : text.slice(0, at);
    // The last definition wins: delete first so the key also moves to where it was last written.
    delete out[key];
    out[key] = at < 0 ? null : text.slice(at + 1);
    copyEntry(value, index, out, key);
  }
  return out;
}

function hostMap(value: Plain): PlainMap | undefined {
  if (isMap(value)) return value;
  if (!isList(value)) return undefined;
  const out = emptyLike<PlainMap>({}, value);
  for (const [index, item] of value.entries()) {
    if (typeof item !== "string") return undefined;
    const at = item.includes("=") ? item.indexOf("=") : item.indexOf(":");
    if (at < 0) return undefined;
    const host = item.slice(0, at);
    const address = item.slice(at + 1);
    const previous = out[host];
    if (typeof previous === "string") {
      const addresses: PlainList = [previous, address];
      out[host] = addresses;
    } else if (isList(previous)) {
      previous.push(address);
    } else {
      out[host] = address;
      copyEntry(value, index, out, host);
    }
  }
  return out;
}

function listItemText(item: Plain): string | undefined {
  if (typeof item === "string") return item;
  if (typeof item === "number" || typeof item === "boolean") return String(item);
  return undefined;
}
