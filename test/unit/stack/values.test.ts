/**
 * Values that reach the engine are checked by the loader first: each bad one
 * is a located ConfigError naming what is wrong and what is allowed (never an
 * engine 400 after the plan was shown), and each good edge value loads.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatIssue } from "../../../src/base/errors.js";
import { loadProject } from "../../../src/project/project.js";
import { configErrorOf } from "../support/config-error.js";
import { tempProject } from "../support/temp-project.js";

const project = tempProject();
afterAll(() => project.cleanup());

/** A stack whose service `web` has the given fields (written from line 4, column 5), plus `extra` top-level YAML. */
function stackText(fields: string, extra = ""): string {
  return `services:\n  web:\n    image: a\n${fields.replace(/^/gm, "    ")}\n${extra}`;
}

function load(text: string) {
  const file = project.write("stack.yml", text);
  return loadProject({ cwd: project.dir, files: [file], environment: {} });
}

/** Every issue as `stack.yml:line:column path: message`. */
function issuesOf(text: string): string[] {
  return configErrorOf(() => load(text)).issues.map((issue) => formatIssue(issue).replace(`${project.dir}/`, ""));
}

interface Case {
  readonly case: string;
  readonly fields: string;
  readonly extra?: string;
  /** For a bad value: the one issue, as `stack.yml:line:column path: message`. */
  readonly expected?: string;
}

/** The cases are data: the service fields are YAML themselves, and read best as YAML. */
const cases = parse(readFileSync(join(import.meta.dirname, "values-cases.yml"), "utf8")) as { bad: Case[]; good: Case[] };

describe("values that reach the engine", () => {
  it("has cases for every kind of value", () => {
    expect(cases.bad.length).toBeGreaterThan(40);
    expect(cases.good.length).toBeGreaterThan(15);
    expect(cases.bad.every((entry) => entry.expected !== undefined)).toBe(true);
  });

  it.each(cases.bad.map((entry) => [entry.case, entry] as const))("refuses %s at its line", (_case, { fields, extra, expected }) => {
    expect(issuesOf(stackText(fields, extra))).toEqual([expected]);
  });

  it.each(cases.good.map((entry) => [entry.case, entry] as const))("accepts %s", (_case, { fields, extra }) => {
    expect(() => load(stackText(fields, extra))).not.toThrow();
  });

  it("never quotes an environment value in an error", () => {
    const messages = issuesOf(stackText('environment: ["=hunter2", "A B=hunter2", "C=hun\\0ter2"]'));
    expect(messages).toHaveLength(3);
    expect(messages.join("\n")).not.toContain("hunter2");
  });
});
