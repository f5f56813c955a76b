/**
 * The loader's working representation of a stack file: plain JSON-like values
 * (what YAML parsing yields) plus a side table that remembers where each value
 * was written, and which values carried Compose's `!reset` / `!override` tags.
 *
 * Why a side table rather than wrapper objects: every stage before validation
 * (interpolation, extends, include, merge) can work on ordinary objects and
 * arrays, and the locations follow the containers they belong to. When a
 * stage builds a new container it copies the locations of the entries it
 * keeps (see {@link copyEntry}), so a merged value still names the file it
 * came from.
 */

import type { Location } from "../base/errors.js";

export type { Location } from "../base/errors.js";

/** A value as YAML parsing yields it. */
export type Plain = null | boolean | number | string | PlainList | PlainMap;
/** A YAML sequence. */
export type PlainList = Plain[];
/** A YAML mapping (keys are always strings after reading). */
export interface PlainMap {
  [key: string]: Plain;
}

/** A key inside a container: a mapping key or a sequence index. */
export type EntryKey = string | number;

/**
 * Compose merge tags written on a value, and tsd's own `default`: a value the
 * loader filled in (no one wrote it), which yields to any written value when
 * files are merged.
 */
export type MergeTag = "reset" | "override" | "default";

const entryLocations = new WeakMap<object, Map<EntryKey, Location>>();
const containerLocations = new WeakMap<object, Location>();
const entryTags = new WeakMap<object, Map<EntryKey, MergeTag>>();

/** True for a YAML mapping. */
export function isMap(value: Plain | undefined): value is PlainMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a YAML sequence. */
export function isList(value: Plain | undefined): value is PlainList {
  return Array.isArray(value);
}

/** Remembers where the value stored under `key` in `container` was written. */
export function setEntryLocation(container: PlainMap | PlainList, key: EntryKey, location: Location): void {
  let table = entryLocations.get(container);
  if (!table) {
    table = new Map();
    entryLocations.set(container, table);
  }
  table.set(key, location);
}

/** Where the value stored under `key` in `container` was written, if known. */
export function entryLocation(container: PlainMap | PlainList, key: EntryKey): Location | undefined {
  return entryLocations.get(container)?.get(key);
}

/** Remembers where a mapping or sequence itself starts. */
export function setContainerLocation(container: PlainMap | PlainList, location: Location): void {
  containerLocations.set(container, location);
}

/** Where a mapping or sequence starts, if known. */
export function containerLocation(container: PlainMap | PlainList): Location | undefined {
  return containerLocations.get(container);
}

/** Marks the value under `key` as written with `!reset` or `!override`. */
export function setEntryTag(container: PlainMap | PlainList, key: EntryKey, tag: MergeTag): void {
  let table = entryTags.get(container);
  if (!table) {
    table = new Map();
    entryTags.set(container, table);
  }
  table.set(key, tag);
}

/** The merge tag written on the value under `key`, if any. */
export function entryTag(container: PlainMap | PlainList, key: EntryKey): MergeTag | undefined {
  return entryTags.get(container)?.get(key);
}

/**
 * Copies the location and tag of `from[fromKey]` onto `to[toKey]`: used by
 * every stage that rebuilds a container so that errors still point at the
 * line the user wrote.
 */
export function copyEntry(
  from: PlainMap | PlainList,
  fromKey: EntryKey,
  to: PlainMap | PlainList,
  toKey: EntryKey = fromKey,
): void {
  const location = entryLocation(from, fromKey);
  if (location) setEntryLocation(to, toKey, location);
  const tag = entryTag(from, fromKey);
  if (tag) setEntryTag(to, toKey, tag);
}

/** Copies where a container starts from one container to another. */
export function copyContainerLocation(from: PlainMap | PlainList, to: PlainMap | PlainList): void {
  const location = containerLocations.get(from);
  if (location) containerLocations.set(to, location);
}

/**
 * The best known location for a path into the tree: the location of the
 * deepest entry on the path that exists and was located. Used to place
 * validation errors, whose paths come from zod.
 */
export function locatePath(root: Plain, path: readonly EntryKey[]): Location | undefined {
  let best: Location | undefined = isMap(root) || isList(root) ? containerLocation(root) : undefined;
  let current: Plain | undefined = root;
  for (const key of path) {
    if (isMap(current) && typeof key === "string" && Object.hasOwn(current, key)) {
      best = entryLocation(current, key) ?? best;
      current = current[key];
    } else if (isList(current) && typeof key === "number" && key < current.length) {
      best = entryLocation(current, key) ?? best;
      current = current[key];
    } else if (isList(current) && typeof key === "string" && namedItemIndex(current, key) >= 0) {
      // A name written as a list item (`depends_on: [db]`, `networks: [back]`): the item that names it.
      const index = namedItemIndex(current, key);
      best = entryLocation(current, index) ?? best;
      current = current[index];
    } else {
      break;
    }
  }
  return best;
}

/** The index of the list item that names `name`: `db`, `db:alias`, or `{source: db}`. */
function namedItemIndex(list: PlainList, name: string): number {
  return list.findIndex((item) => item === name || (typeof item === "string" && item.startsWith(`${name}:`)) || (isMap(item) && item.source === name));
}

/**
 * Deep copy that keeps locations and tags. Stages that must not mutate their
 * input (extends copies a base service into every service extending it) use
 * it.
 */
export function cloneLocated<T extends Plain>(value: T): T {
  if (isList(value)) {
    const copy: PlainList = value.map((item) => cloneLocated(item));
    value.forEach((_, index) => copyEntry(value, index, copy));
    copyContainerLocation(value, copy);
    return copy as T;
  }
  if (isMap(value)) {
    const copy: PlainMap = {};
    for (const key of Object.keys(value)) {
      copy[key] = cloneLocated(value[key] as Plain);
      copyEntry(value, key, copy);
    }
    copyContainerLocation(value, copy);
    return copy as T;
  }
  return value;
}
