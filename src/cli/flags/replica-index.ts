/**
 * Flag values the inside verbs share.
 */
import { UsageError } from "../../base/errors.js";

/** `--index N`: a replica number, from 1. */
export function parseIndex(value: string): number {
  const index = Number(value);
  if (!Number.isInteger(index) || index < 1) throw new UsageError(`--index ${value}: expected a replica number (1, 2, …)`);
  return index;
}
