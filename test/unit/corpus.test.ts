/**
 * Compatibility with real Compose files (../shared/corpus): every VALID file
 * loads, or fails only with an explicit "not supported by tsd: <feature>";
 * every INVALID file is rejected with a message naming its cause.
 *
 * Labels come from the corpus README's tables, so a file added there is
 * tested without touching this file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_EXPECTATIONS } from "./corpus-expectations.js";
import { COMPAT_END, COMPAT_START, corpusRows, loadCorpusRow, renderCompatibility } from "./corpus-run.js";

const rows = corpusRows();
const loadable = rows.filter((row) => row.label === "VALID" || row.label === "INVALID");

describe("the corpus README", () => {
  it("lists the files we test", () => {
    expect(rows.filter((row) => row.label === "VALID").length).toBeGreaterThan(150);
    expect(rows.filter((row) => row.label === "INVALID").length).toBeGreaterThan(10);
  });
});

describe("compose corpus", () => {
  it.each(loadable.map((row) => [row.file, row] as const))("%s", (_file, row) => {
    const expectation = CORPUS_EXPECTATIONS[row.file];
    const outcome = loadCorpusRow(row);
    const expected = expectation?.expect ?? (row.label === "VALID" ? "valid" : undefined);
    if (expected === undefined) throw new Error(`INVALID corpus file ${row.file} has no expected message in corpus-expectations.ts`);
    if (expected === "valid") {
      if (!outcome.ok) {
        // Only an explicit, deliberate gap is acceptable for a valid file.
        for (const line of outcome.message.split("\n")) expect(line).toMatch(/not supported by tsd: /);
      }
      return;
    }
    if (expected === "unsupported") {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.message).toMatch(/not supported by tsd: /);
      return;
    }
    expect(outcome.ok, `${row.file} should be rejected`).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(expected);
  });
});

describe("README compatibility section", () => {
  it("states what the corpus run measures (regenerate with npm run compat)", () => {
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const start = readme.indexOf(COMPAT_START);
    const end = readme.indexOf(COMPAT_END);
    expect(start, "README lacks the compatibility markers").toBeGreaterThan(0);
    expect(readme.slice(start + COMPAT_START.length, end).trim()).toBe(renderCompatibility(rows));
  });
});
