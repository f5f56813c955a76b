/**
 * Where the shared Compose corpus lives. It is not part of this repository
 * (third-party files, kept unedited beside it): `TSD_CORPUS` when set, else
 * `../shared/corpus` next to this checkout, else the workplace's copy, which
 * a clone in a temporary folder (as CI makes) still finds. No corpus is a
 * loud failure, never a silent skip.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "../../..");
const candidates = [process.env.TSD_CORPUS, join(repoRoot, "../shared/corpus"), "/work/shared/corpus"].filter(
  (candidate): candidate is string => candidate !== undefined && candidate !== "",
);

function findCorpus(): string {
  const found = candidates.find((candidate) => existsSync(join(candidate, "README.md")));
  if (found === undefined) {
    throw new Error(`the Compose corpus was not found (looked in ${candidates.join(", ")}); set TSD_CORPUS to its folder`);
  }
  return found;
}

export const corpusRoot = findCorpus();
