/**
 * Shaping the rendered tree: Compose leaves empty and default values out
 * (`omitempty`), and its output escapes `$` so that loading it again does not
 * interpolate what was already interpolated.
 */

/** The list, or `undefined` when it is empty. */
export function nonEmpty<T>(list: readonly T[]): readonly T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** The mapping, or `undefined` when it has no keys. */
export function nonEmptyMap<T>(record: Readonly<Record<string, T>>): Readonly<Record<string, T>> | undefined {
  return Object.keys(record).length > 0 ? record : undefined;
}

/** `true`, or `undefined` for `false`: flags Compose prints only when set. */
export function onlyTrue(flag: boolean): true | undefined {
  return flag ? true : undefined;
}

/**
 * The finished document: entries whose value is `undefined` removed, and
 * every string value (never a key: keys are not interpolated) escaped for
 * interpolation, `$` → `$$`, as `docker compose config` does.
 */
export function finishTree<T>(tree: T): T {
  // The walk keeps the shape of its input: same keys (less undefined ones), same kinds of values.
  return finish(tree) as T;
}

function finish(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("$", () => "$$");
  if (Array.isArray(value)) return value.map(finish);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== undefined)
        .map(([key, entry]) => [key, finish(entry)]),
    );
  }
  return value;
}
