/**
 * Mappings with a fixed set of keys plus `x-` extensions. zod's strict
 * objects would reject extensions and its messages cannot suggest a key, so a
 * section is a loose object with its own unknown-key check; the JSON Schema
 * generator turns it back into `additionalProperties: false` with an `^x-`
 * pattern (see json-schema.ts).
 */
import { z } from "zod";
import { type Place, unsupportedFeatureAt, unsupportedMessage } from "./unsupported.js";

/** Sections, for the JSON Schema generator. */
export const sectionSchemas = new WeakSet<object>();

/** The keys each place allows (the first section declared for a place), for "did you mean to indent it" hints. */
const keysByPlace = new Map<Place, readonly string[]>();

/** The keys a section at `place` allows, sorted; empty for a place with no section. */
export function knownKeysAt(place: Place): readonly string[] {
  return keysByPlace.get(place) ?? [];
}

/** Describes an unknown key better than the default message (e.g. a v1-style service), or `undefined`. */
export type UnknownKeyHint = (key: string, value: unknown) => string | undefined;

/**
 * A mapping with the keys of `shape` and any `x-` extension. Unknown keys are
 * reported one by one with a suggestion; keys of unsupported features say so.
 */
export function section<Shape extends z.ZodRawShape>(place: Place, shape: Shape, what: string, hint?: UnknownKeyHint) {
  const known = Object.keys(shape).sort();
  if (!keysByPlace.has(place)) keysByPlace.set(place, known);
  const schema = z.looseObject(shape, { error: `must be a mapping (${what})` }).superRefine(
    (value, context) => {
      for (const key of Object.keys(value).sort()) {
        if (Object.hasOwn(shape, key) || key.startsWith("x-")) continue;
        const feature = unsupportedFeatureAt(place, key);
        const message = feature ? unsupportedMessage(feature) : (hint?.(key, value[key]) ?? unknownKeyMessage(key, known));
        context.addIssue({ code: "custom", path: [key], message, input: value[key] });
      }
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value) },
  );
  sectionSchemas.add(schema);
  return schema;
}

/** `unknown key "depnds_on", did you mean "depends_on"?` */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const suggestion = closestKey(key, known);
  return suggestion ? `unknown key "${key}", did you mean "${suggestion}"?` : `unknown key "${key}"`;
}

/** The closest known key within a small edit distance, preferring the first alphabetically on ties. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const limit = key.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of [...known].sort()) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance with transpositions counted as one edit (typos swap letters). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => table[i]?.[j] ?? 0;
  for (let i = 1; i < rows; i++) {
    const row = table[i] as number[];
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      row[j] = value;
    }
  }
  return at(a.length, b.length);
}
