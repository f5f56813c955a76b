/**
 * The merge engine behind stack-file merging and `extends`: two located
 * trees in, a new located tree out. Mappings merge key by key, sequences
 * append (dropping entries already present) and scalars take the later
 * value, except where a field rule (merge-rules.ts) says otherwise.
 *
 * Inputs are never modified: every value in the result is a copy that
 * keeps the location (and `!reset` / `!override` tag) it was written with.
 */
import { type Plain, type PlainMap, cloneLocated, entryLocation, entryTag, isList, isMap } from "./located.js";
import { type FieldPath, type Side, appendUnique, emptyLike, locateEntry, placeCopy, sideOf } from "./merge-helpers.js";
import { findRule } from "./merge-rules.js";

/**
 * Merges `override` onto `base` as mappings found at `path` (which selects
 * the field rules of their children). Returns a new mapping; base keys keep
 * their order, keys only the override has come after them.
 */
export function mergeMaps(base: PlainMap, override: PlainMap, path: FieldPath): PlainMap {
  const out = emptyLike<PlainMap>({}, base, override);
  for (const key of Object.keys(base)) {
    if (Object.hasOwn(override, key)) mergeEntry(base, override, key, out, path);
    else placeCopy(base, key, out, key);
  }
  for (const key of Object.keys(override)) {
    if (!Object.hasOwn(base, key)) placeCopy(override, key, out, key);
  }
  return out;
}

/** Merges two values found at `path`: the field's rule if it has one, else by shape. */
export function mergeValue(base: Side, override: Side, path: FieldPath): Plain {
  const rule = findRule(path);
  if (rule) return rule(base, override, path, mergeMaps);
  if (isMap(base.value) && isMap(override.value)) return mergeMaps(base.value, override.value, path);
  if (isList(base.value) && isList(override.value)) return appendUnique(base.value, override.value);
  // Different shapes (or scalars): the later file wins; validation judges the result.
  return cloneLocated(override.value);
}

/**
 * One key both mappings have. `!reset` on the override leaves a tagged null
 * (so a later stage — `extends`, the next file — still sees the reset;
 * `applyResetTags` deletes it at the end); `!override` replaces; an untagged
 * null keeps the base value (Compose: an empty override changes nothing).
 */
function mergeEntry(base: PlainMap, override: PlainMap, key: string, out: PlainMap, path: FieldPath): void {
  const tag = entryTag(override, key);
  const baseValue = base[key] ?? null;
  const overrideValue = override[key] ?? null;
  if (tag === "reset" || tag === "override") return placeCopy(override, key, out, key);
  if (overrideValue === null || tag === "default") return placeCopy(base, key, out, key);
  if (baseValue === null) return placeCopy(override, key, out, key);
  out[key] = mergeValue(sideOf(base, key), sideOf(override, key), [...path, key]);
  // A merged container was defined where the base wrote it; a replaced value where the override did.
  const bothContainers = isContainer(baseValue) && isContainer(overrideValue);
  const [first, second] = bothContainers ? [base, override] : [override, base];
  locateEntry(out, key, entryLocation(first, key) ?? entryLocation(second, key));
}

function isContainer(value: Plain): boolean {
  return isMap(value) || isList(value);
}
