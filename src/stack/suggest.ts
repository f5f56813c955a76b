/**
 * "Did you mean …?" for a name that points nowhere: the closest of the
 * names that exist, by the edit distance the schema already uses for
 * unknown keys (transpositions count as one typo), so a misspelt service,
 * network or volume reads the same as a misspelt key.
 */
import { closestKey } from "./schema/section.js";

/** `, did you mean "redis"?` when a close name exists; `""` otherwise. */
export function didYouMean(name: string, existing: Iterable<string>): string {
  const candidates = [...existing].filter((candidate) => candidate !== name);
  const suggestion = closestKey(name, candidates) ?? caseOrPrefixMatch(name, candidates);
  return suggestion === undefined ? "" : `, did you mean "${suggestion}"?`;
}

/**
 * Beyond two typos: the one name that differs only in case, or that the
 * written name is a prefix of (`post` for `postgres`), when there is only one.
 */
function caseOrPrefixMatch(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const matches = candidates.filter((candidate) => candidate.toLowerCase() === lower || (lower.length >= 3 && candidate.toLowerCase().startsWith(lower)));
  return matches.length === 1 ? matches[0] : undefined;
}
