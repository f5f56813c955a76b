/**
 * Canonical JSON: object keys sorted at every level and `undefined` fields
 * dropped, so two equal values always print, hash and compare the same way
 * however their objects were built.
 */
import { createHash } from "node:crypto";

/** A plain JSON object (not an array, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` with every object's keys sorted and `undefined` fields removed (arrays keep their order). */
export function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
  return Object.fromEntries(keys.map((key) => [key, canonicalValue(value[key])]));
}

/** Compact canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value));
}

/** sha256 (hex) of the canonical JSON of `config`: equal configs hash equal whatever their key order. */
export function configHash(config: unknown): string {
  return hashOfCanonicalJson(canonicalJson(config));
}

/** sha256 (hex) of JSON text that is already canonical (saves walking the value again). */
export function hashOfCanonicalJson(json: string): string {
  return createHash("sha256").update(json).digest("hex");
}

/**
 * Dotted paths at which `previous` and `next` differ, sorted: objects are
 * walked key by key (a key present on one side only is a difference at its
 * own path), everything else (arrays included, e.g. `ports`) is compared as
 * a whole. `previous` is typically parsed back from a container's config
 * label. The empty path `""` stands for the whole value, when the two are
 * not both objects (a missing or unreadable label).
 *
 *   changedFields({ image: "a", environment: { X: "1" } }, { image: "b", environment: { X: "2", Y: "3" } })
 *   → ["environment.X", "environment.Y", "image"]
 */
export function changedFields(previous: unknown, next: unknown): string[] {
  const changes: string[] = [];
  collectChanges(canonicalValue(previous), canonicalValue(next), "", changes);
  return changes.sort();
}

function collectChanges(previous: unknown, next: unknown, path: string, changes: string[]): void {
  if (isRecord(previous) && isRecord(next)) {
    const keys = new Set([...Object.keys(previous), ...Object.keys(next)]);
    for (const key of keys) collectChanges(previous[key], next[key], path === "" ? key : `${path}.${key}`, changes);
    return;
  }
  if (JSON.stringify(previous) !== JSON.stringify(next)) changes.push(path);
}
