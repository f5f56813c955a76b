/**
 * Property: whatever YAML the loader is given, it either returns a Stack or
 * throws a ConfigError with every issue located; it never crashes, never
 * hangs, and an engine verb never connects for a stack that did not load.
 * The properties live in load-fuzz-cases.ts; `npm run fuzz` runs them longer.
 *
 * Seeded: a failure names the seed and the counterexample path, and rerunning
 * with them (`npm run fuzz -- --seed S --path P`) replays the failing case.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { corpusRoot } from "../support/corpus-root.js";
import { FuzzHarness, corpusDocuments, loaderProperties } from "./load-fuzz-cases.js";

/** Fixed, so `npm test` runs the same cases every time. */
const SEED = 20_240_607;
const RUNS = 500;

const harness = new FuzzHarness();
afterAll(() => harness.cleanup());
const documents = corpusDocuments(corpusRoot);

describe("loader robustness (fast-check)", () => {
  it("has real stack files to mutate", () => {
    expect(documents.length).toBeGreaterThan(150);
  });

  it.each(loaderProperties(harness, documents).map((entry) => [entry.name, entry] as const))("%s", async (_name, { property, share }) => {
    await fc.assert(property, { seed: SEED, numRuns: Math.ceil(RUNS * share) });
  });

  it.each([
    ["an include of an empty path (the project directory)", 'include:\n  - ""\n'],
    ["a project name with a NUL", 'name: "\\0"\nservices: {}\n'],
    ["lists nested thousands deep", `x-deep: ${"[".repeat(5_000)}1${"]".repeat(5_000)}\n`],
  ])("reports %s as a located ConfigError (found by fuzzing)", async (_case, text) => {
    await expect(harness.check(text)).resolves.toBe("config-error");
  });

  it("loads some of the cases, so the properties reach past the reader and the schema", () => {
    // Most random changes break a file; a run where none loads would still pass every property above.
    expect(harness.outcomes.stack).toBeGreaterThan(50);
    expect(harness.outcomes["config-error"]).toBeGreaterThan(500);
  });
});
