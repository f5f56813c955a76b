/** `--index N`: which replica of a service, from 1 (Compose's flag). */
import { UsageError } from "../../base/errors.js";

/** The replica number `value` names; undefined when the flag was not given. */
export function parseIndex(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--index ${value}: expected a replica number from 1`);
  return Number(value);
}
