/**
 * A key written one level too far out or too far in is valid somewhere
 * else: `depends_on` dedented to the services level, `interval` beside
 * `healthcheck` instead of under it, `ports` inside `healthcheck`. Schema
 * errors there ("must be a mapping", "unknown key") name the symptom; these
 * hints name the fix and the line to fix it against:
 *
 *   `depends_on` at the services level: did you mean to indent it under `worker` (line 88)?
 */
import { type EntryKey, type Plain, type PlainMap, entryLocation, isMap } from "../located.js";
import { knownKeysAt } from "./section.js";
import type { Place } from "./unsupported.js";

/** A replacement for a schema issue: where it is reported, and what it says. */
export interface LevelHint {
  readonly path: EntryKey[];
  readonly message: string;
}

/** Service fields that are sections of their own, whose keys a service does not have. */
const SERVICE_SECTIONS: readonly (readonly [string, Place])[] = [
  ["build", "build"],
  ["deploy", "deploy"],
  ["healthcheck", "healthcheck"],
  ["logging", "logging"],
];

const CONTAINER_SECTIONS = new Set(["services", "data_containers"]);

/** The hint for an issue at `keys` (with zod's `message`), or `undefined` when no other level fits. */
export function levelHint(keys: readonly EntryKey[], message: string, tree: Plain): LevelHint | undefined {
  if (!isMap(tree)) return undefined;
  const [section, name, field] = keys;
  if (section === "services" && typeof name === "string" && keys.length >= 2) {
    const hint = serviceKeyAmongServices(tree, name);
    if (hint) return hint;
  }
  const unknown = unknownKey(message);
  if (unknown === undefined || unknown !== keys[keys.length - 1]) return undefined;
  if (keys.length === 1) return serviceKeyAtTopLevel(tree, unknown);
  if (typeof section !== "string" || !CONTAINER_SECTIONS.has(section) || typeof name !== "string") return undefined;
  const container = childMap(childMap(tree, section), name);
  if (container === undefined) return undefined;
  if (keys.length === 3) return misplacedInService([...keys], container, unknown, name);
  if (typeof field === "string" && (keys.length === 4 || (field === "depends_on" && keys.length === 5))) {
    if (!knownKeysAt("service").includes(unknown)) return undefined;
    return { path: [...keys], message: `\`${unknown}\` is a service key: did you mean to dedent it to the level of \`${field}\`${lineOf(container, field)}?` };
  }
  return undefined;
}

/** `unknown key "x"…` → `x`. */
function unknownKey(message: string): string | undefined {
  return /^unknown key "([^"]+)"/.exec(message)?.[1];
}

function childMap(map: PlainMap | undefined, key: string): PlainMap | undefined {
  const value = map?.[key];
  return isMap(value) ? value : undefined;
}

/** ` (line 88)` for where `key` is written in `map`, or `""`. */
function lineOf(map: PlainMap, key: string): string {
  const location = entryLocation(map, key);
  return location ? ` (line ${location.line})` : "";
}

/**
 * `services.depends_on`: a service key written where a service's name
 * goes. A real service that happens to be called `build` has service keys
 * under it, and is left alone.
 */
function serviceKeyAmongServices(tree: PlainMap, name: string): LevelHint | undefined {
  const services = childMap(tree, "services");
  const serviceKeys = knownKeysAt("service");
  if (!services || !serviceKeys.includes(name)) return undefined;
  const value = services[name];
  if (isMap(value) && !readsAsField(value, name, services)) return undefined;
  const above = serviceAbove(services, name, serviceKeys);
  const message = above
    ? `\`${name}\` at the services level: did you mean to indent it under \`${above.name}\` (line ${above.line})?`
    : `\`${name}\` at the services level is a service key, not a service: indent it under the service it belongs to`;
  return { path: ["services", name], message };
}

/**
 * A mapping under a service-key name is that field dedented (not a service
 * that happens to be called `build`) when its keys are the field's own
 * (`healthcheck: {test, interval}`) or name services (`depends_on: {db: …}`).
 */
function readsAsField(value: PlainMap, name: string, services: PlainMap): boolean {
  const keys = Object.keys(value);
  if (keys.length === 0) return true;
  const fieldKeys = knownKeysAt(name as Place);
  if (fieldKeys.length > 0 && keys.every((key) => fieldKeys.includes(key))) return true;
  return keys.some((key) => key !== name && Object.hasOwn(services, key));
}

/** The service written closest above `name` in the same file (the one a dedented key fell out of). */
function serviceAbove(services: PlainMap, name: string, serviceKeys: readonly string[]): { name: string; line: number } | undefined {
  const at = entryLocation(services, name);
  if (!at) return undefined;
  let best: { name: string; line: number } | undefined;
  for (const candidate of Object.keys(services)) {
    if (candidate === name || (serviceKeys.includes(candidate) && !isMap(services[candidate]))) continue;
    const location = entryLocation(services, candidate);
    if (!location || location.file !== at.file || location.line >= at.line) continue;
    if (!best || location.line > best.line) best = { name: candidate, line: location.line };
  }
  return best;
}

/** `image:` at the top level: a service key dedented all the way out. */
function serviceKeyAtTopLevel(tree: PlainMap, key: string): LevelHint | undefined {
  if (!knownKeysAt("service").includes(key)) return undefined;
  const services = childMap(tree, "services");
  const at = entryLocation(tree, key);
  const above = services && at ? lastServiceBefore(services, at.line, at.file) : undefined;
  const under = above ? ` under \`${above.name}\` (line ${above.line})` : " under a service";
  return { path: [key], message: `\`${key}\` at the top level is a service key: did you mean to indent it${under}?` };
}

function lastServiceBefore(services: PlainMap, line: number, file: string): { name: string; line: number } | undefined {
  let best: { name: string; line: number } | undefined;
  for (const name of Object.keys(services)) {
    const location = entryLocation(services, name);
    if (location && location.file === file && location.line < line && (!best || location.line > best.line)) best = { name, line: location.line };
  }
  return best;
}

/**
 * An unknown key of a service (or data container) that belongs one level
 * in (`interval` → under `healthcheck`), one level out (a top-level key),
 * or is a whole service indented under another.
 */
function misplacedInService(keys: EntryKey[], container: PlainMap, key: string, owner: string): LevelHint | undefined {
  const owning = SERVICE_SECTIONS.filter(([, place]) => knownKeysAt(place).includes(key));
  const present = owning.find(([field]) => Object.hasOwn(container, field)) ?? owning[0];
  if (present) {
    const [field] = present;
    const where = Object.hasOwn(container, field) ? ` under \`${field}\`${lineOf(container, field)}` : ` under a \`${field}:\` section`;
    return { path: keys, message: `\`${key}\` is a \`${field}\` key: did you mean to indent it${where}?` };
  }
  if (knownKeysAt("top-level").includes(key)) {
    return { path: keys, message: `\`${key}\` is a top-level key: did you mean to dedent it to the start of the line?` };
  }
  const value = container[key];
  const serviceKeys = knownKeysAt("service");
  const looksLikeService = isMap(value) && Object.keys(value).some((inner) => serviceKeys.includes(inner));
  if (looksLikeService) {
    return { path: keys, message: `\`${key}\` looks like a service indented under \`${owner}\`: did you mean to dedent it to the level of \`${owner}\`?` };
  }
  return undefined;
}
