/**
 * Every INVALID corpus file, given to the real `tsd config`, exits 1 with its
 * cause on stderr, located, and without a stack trace.
 */
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_EXPECTATIONS, corpusRoot } from "../unit/corpus-expectations.js";
import { corpusRows } from "../unit/corpus-run.js";
import { runCli } from "./run-cli.js";

const invalid = corpusRows().filter((row) => row.label === "INVALID");

describe("tsd config on invalid corpus files", () => {
  it.each(invalid.map((row) => [row.file] as const))("%s exits 1 with its cause", (file) => {
    const expectation = CORPUS_EXPECTATIONS[file];
    const stack = join(corpusRoot, expectation?.stackFile ?? file);
    const envFileArgs = (expectation?.envFiles ?? []).flatMap((envFile) => ["--env-file", join(corpusRoot, envFile)]);
    const result = runCli(["config", "-f", stack, ...envFileArgs], dirname(stack), expectation?.environment ?? {});
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(expectation?.expect).toBeInstanceOf(RegExp);
    expect(result.stderr).toMatch(expectation?.expect as RegExp);
    expect(result.stderr).toMatch(/:\d+:\d+ |not found/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
