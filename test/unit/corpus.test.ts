/**
 * Compatibility with real Compose files (../shared/corpus): every VALID file
 * loads, or fails only with an explicit "not supported by tsd: <feature>";
 * every INVALID file is rejected with a message naming its cause.
 *
 * Labels come from the corpus README's tables, so a file added there is
 * tested without touching this file.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { loadProject } from "../../src/project.js";
import { CORPUS_EXPECTATIONS, corpusRoot } from "./corpus-expectations.js";

interface CorpusRow {
  readonly file: string;
  readonly label: "VALID" | "INVALID" | "FRAGMENT" | "ENV" | "SCHEMA";
  readonly note: string;
}

function corpusRows(): CorpusRow[] {
  const readme = readFileSync(join(corpusRoot, "README.md"), "utf8");
  const rows: CorpusRow[] = [];
  let folder = "";
  for (const line of readme.split("\n")) {
    const heading = /^## (\S+) \(/.exec(line);
    if (heading) folder = heading[1] as string;
    const row = /^\| `([^`]+)` \| (VALID|INVALID|FRAGMENT|ENV|SCHEMA)([^|]*)\|/.exec(line);
    if (row && folder) rows.push({ file: join(folder, row[1] as string), label: row[2] as CorpusRow["label"], note: (row[3] ?? "").trim() });
  }
  return rows;
}

type Outcome = { ok: true } | { ok: false; message: string };

function loadCorpusFile(file: string, environment: Record<string, string>, envFiles: string[] = []): Outcome {
  const absolute = join(corpusRoot, file);
  try {
    loadProject({ cwd: dirname(absolute), files: [absolute], environment: { HOME: "/root", ...environment }, envFiles });
    return { ok: true };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: error.message };
    throw error;
  }
}

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
    const envFiles = (expectation?.envFiles ?? []).map((file) => join(corpusRoot, file));
    const outcome = loadCorpusFile(expectation?.stackFile ?? row.file, expectation?.environment ?? {}, envFiles);
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
