/**
 * Merging stack files with Compose's rules: later files override earlier
 * ones field by field (see merge-rules.ts for the fields with their own
 * rule), and `!reset` / `!override` tags steer the merge. The same service
 * merge backs `extends`.
 */
import { type EntryKey, type PlainList, type PlainMap, copyContainerLocation, copyEntry, entryTag, isList, isMap } from "./located.js";
import { mergeMaps } from "./merge-core.js";

/**
 * Merges `override` onto `base` (both whole stack files, interpolated, paths
 * already resolved) and returns a new tree; inputs are not modified. Honours
 * `!reset` / `!override` tags on the override side. Locations of every kept
 * value are preserved, so errors name the file a value came from.
 */
export function mergeStackFiles(base: PlainMap, override: PlainMap): PlainMap {
  return mergeMaps(base, override, []);
}

/**
 * Merges one service definition onto another (`extends`: the extended
 * service is `base`, the extending one `override`), with the same rules as
 * merging files. Returns a new mapping.
 */
export function mergeService(base: PlainMap, override: PlainMap, serviceName = "*"): PlainMap {
  return mergeMaps(base, override, ["services", serviceName]);
}

/**
 * Applies leftover `!reset` tags (deletes the tagged entries) after the last
 * merge. In place. A `!reset` with nothing under it to reset still removes
 * its own key, so the tagged value never reaches validation.
 */
export function applyResetTags(tree: PlainMap): void {
  resetInMap(tree);
}

function resetInMap(map: PlainMap): void {
  for (const key of Object.keys(map)) {
    if (entryTag(map, key) === "reset") {
      delete map[key];
      continue;
    }
    const value = map[key];
    if (isMap(value)) resetInMap(value);
    else if (isList(value)) map[key] = resetInList(value);
  }
}

/** Lists are rebuilt (not spliced) when entries go, so indices and their locations stay paired. */
function resetInList(list: PlainList): PlainList {
  list.forEach((item) => {
    if (isMap(item)) resetInMap(item);
  });
  const kept = list.map((_, index) => index).filter((index) => entryTag(list, index) !== "reset");
  if (kept.length === list.length) {
    list.forEach((item, index) => {
      if (isList(item)) list[index] = resetInList(item);
    });
    return list;
  }
  const out: PlainList = [];
  copyContainerLocation(list, out);
  kept.forEach((from: EntryKey & number) => {
    const item = list[from] ?? null;
    out.push(isList(item) ? resetInList(item) : item);
    copyEntry(list, from, out, out.length - 1);
  });
  return out;
}
