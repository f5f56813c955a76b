/**
 * Mappings with a fixed set of keys plus `x-` extensions. zod's strict
 * objects would reject extensions and its messages cannot suggest a key, so a
 * section is a loose object with its own unknown-key check; the JSON Schema
 * generator turns it back into `additionalProperties: false` with an `^x-`
 * pattern (see json-schema.ts).
 */
import { z } from "zod";
import { unknownKeyMessage } from "../suggest.js";
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
