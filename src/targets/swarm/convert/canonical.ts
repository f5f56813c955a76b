/**
 * Canonical JSON for the Swarm target's hashes: keys sorted at every level,
 * `undefined` dropped, so equal specs hash equal however they were built.
 * (Each target stands on its own; the single engine has its own copy.)
 */
import { createHash } from "node:crypto";

function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return Object.fromEntries(keys.map((key) => [key, canonicalValue(record[key])]));
}

/** sha256 (hex) of the canonical JSON of `value`. */
export function canonicalHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(canonicalValue(value ?? null))).digest("hex");
}
