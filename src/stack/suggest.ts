/**
 * "Did you mean …?" for a key or a name that points nowhere: the closest of
 * those that exist, by edit distance (transpositions count as one typo), so a
 * misspelt service, network or volume reads the same as a misspelt key.
 * No schema library here: the supervisor and the audit check their `x-tsd`
 * blocks with it on paths that never load the schema.
 */

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
