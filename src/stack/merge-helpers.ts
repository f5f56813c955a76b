/**
 * Small located-copy helpers shared by the merge engine and its field rules.
 * Every value they put into a result is a copy that keeps the location and
 * merge tag it was written with.
 */
import {
  type EntryKey,
  type Location,
  type Plain,
  type PlainList,
  type PlainMap,
  cloneLocated,
  containerLocation,
  copyEntry,
  entryLocation,
  isList,
  isMap,
  setContainerLocation,
  setEntryLocation,
} from "./located.js";

/** One side of a merge: a value and where it was written. */
export interface Side<T extends Plain = Plain> {
  readonly value: T;
  readonly location: Location | undefined;
}

/** Field path inside a stack file, e.g. `["services", "web", "environment"]`. */
export type FieldPath = readonly string[];

/** Merges two mappings found at a path (the engine's `mergeMaps`, handed to field rules). */
export type MapMerger = (base: PlainMap, override: PlainMap, path: FieldPath) => PlainMap;

/** Reads one entry of a container as a merge side. */
export function sideOf(container: PlainMap | PlainList, key: EntryKey): Side {
  return { value: (container as Record<EntryKey, Plain>)[key] ?? null, location: entryLocation(container, key) };
}

/** Puts a located copy of `from[fromKey]` at `to[toKey]` (with its tag). */
export function placeCopy(from: PlainMap | PlainList, fromKey: EntryKey, to: PlainMap | PlainList, toKey: EntryKey): void {
  const value = (from as Record<EntryKey, Plain>)[fromKey] ?? null;
  (to as Record<EntryKey, Plain>)[toKey] = cloneLocated(value);
  copyEntry(from, fromKey, to, toKey);
}

/** Records `location` for `to[key]` when known. */
export function locateEntry(to: PlainMap | PlainList, key: EntryKey, location: Location | undefined): void {
  if (location) setEntryLocation(to, key, location);
}

/** A new, empty container that starts where `from` (or else `fallback`) starts. */
export function emptyLike<T extends PlainMap | PlainList>(empty: T, from: PlainMap | PlainList, fallback?: PlainMap | PlainList): T {
  const start = containerLocation(from) ?? (fallback ? containerLocation(fallback) : undefined);
  if (start) setContainerLocation(empty, start);
  return empty;
}

/** A located copy of a list (the container and every entry). */
export function copyList(list: PlainList): PlainList {
  const out = emptyLike<PlainList>([], list);
  list.forEach((_, index) => placeCopy(list, index, out, index));
  return out;
}

/** A stable text key for deep equality (mapping key order does not matter). */
export function canonicalKey(value: Plain | undefined): string {
  if (isList(value)) return `[${value.map(canonicalKey).join(",")}]`;
  if (isMap(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalKey(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A side as a list: lists as they are, a scalar as a one-item list (Compose
 * accepts `env_file: .env`, `dns: 8.8.8.8`); mappings cannot be listed.
 */
export function asList(side: Side): PlainList | undefined {
  if (isList(side.value)) return side.value;
  if (typeof side.value === "string" || typeof side.value === "number") {
    const list: PlainList = [side.value];
    locateEntry(list, 0, side.location);
    if (side.location) setContainerLocation(list, side.location);
    return list;
  }
  return undefined;
}

/**
 * The default for sequences: base entries, then the override's entries that
 * are not already there (Compose appends; dropping exact repeats keeps
 * `extends` and repeated overrides from doubling entries).
 */
export function appendUnique(base: PlainList, override: PlainList): PlainList {
  return mergeKeyedLists(base, override, () => undefined);
}

/**
 * Merges lists whose entries have an identity (a volume's container path, a
 * secret's target): an override entry replaces the base entry with the same
 * key, where it stood; other override entries are appended. Entries without
 * a key are compared by value. `combine` merges two entries instead of
 * replacing (e.g. IPAM pools with the same subnet).
 */
export function mergeKeyedLists(
  base: PlainList,
  override: PlainList,
  keyOf: (item: Plain) => string | undefined,
  combine?: (base: Side, override: Side) => Plain,
): PlainList {
  const out = copyList(base);
  const positions = new Map<string, number>();
  base.forEach((item, index) => {
    const key = keyOf(item) ?? `=${canonicalKey(item)}`;
    if (!positions.has(key)) positions.set(key, index);
  });
  override.forEach((item, index) => {
    const key = keyOf(item) ?? `=${canonicalKey(item)}`;
    const position = positions.get(key);
    if (position === undefined) {
      placeCopy(override, index, out, out.length);
      return;
    }
    if (combine) {
      out[position] = combine(sideOf(base, position), sideOf(override, index));
      locateEntry(out, position, entryLocation(override, index));
    } else {
      placeCopy(override, index, out, position);
    }
  });
  return out;
}
