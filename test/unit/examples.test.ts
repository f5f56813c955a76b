/**
 * Every example stack loads, carries the editor schema comment, and its
 * written form passes the generated JSON Schema, as an editor would check it.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadProject } from "../../src/project/project.js";

const repoRoot = join(import.meta.dirname, "../..");
const examplesRoot = join(repoRoot, "examples");
const examples = readdirSync(examplesRoot).sort();
const schema = JSON.parse(readFileSync(join(repoRoot, "schemas/stack.schema.json"), "utf8")) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe("examples", () => {
  it("there is one per concept", () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples)("%s loads and passes the JSON Schema", (example) => {
    const file = join(examplesRoot, example, "stack.yml");
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../schemas/stack.schema.json");
    const valid = validate(parse(text));
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
    const { stack } = loadProject({ cwd: join(examplesRoot, example), files: [file], environment: {} });
    expect(Object.keys(stack.services).length).toBeGreaterThan(0);
  });

  it.each(examples)("%s: its stack.yml is found without -f (tsd up in its folder)", (example) => {
    const { stack } = loadProject({ cwd: join(examplesRoot, example), environment: {} });
    expect(stack.files[0]).toBe(join(examplesRoot, example, "stack.yml"));
  });
});
