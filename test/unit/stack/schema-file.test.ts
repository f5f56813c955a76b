import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020Module from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderJsonSchema } from "../../../src/stack/schema/json-schema.js";
import { corpusRoot } from "../corpus-expectations.js";

const schemaFile = join(import.meta.dirname, "../../../schemas/stack.schema.json");
// ajv is CommonJS: its class is the `default` export of the module object.
const Ajv2020 = Ajv2020Module.default;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(renderJsonSchema()) as object);

function accepts(yaml: string): boolean {
  return validate(parse(yaml)) === true;
}

describe("schemas/stack.schema.json", () => {
  it("is what `npm run schema` generates from the zod schema (run it after changing the schema)", () => {
    expect(readFileSync(schemaFile, "utf8")).toBe(renderJsonSchema());
  });

  it("accepts the awesome-compose samples as written, before interpolation", () => {
    const samples = readdirSync(join(corpusRoot, "awesome-compose"))
      .flatMap((sample) => ["compose.yaml", "compose.yml"].map((file) => join(corpusRoot, "awesome-compose", sample, file)))
      .filter((file) => existsSync(file));
    const rejected = samples.filter((file) => !validate(parse(readFileSync(file, "utf8"))));
    expect(rejected).toEqual([]);
  });

  it.each([
    ["x- extensions", "x-a: 1\nservices:\n  web: {image: a, x-b: 2}\n", true],
    ["variables in typed fields", "services:\n  web: {image: a, privileged: '${PRIV}', mem_limit: '${MEM:-1g}', scale: '${N}'}\n", true],
    ["upper-case size units", "services:\n  web: {image: a, mem_limit: 512M}\n", true],
    ["an unknown service key", "services:\n  web: {image: a, depnds_on: [db]}\n", false],
    ["an unsupported feature", "services:\n  web: {image: a, storage_opt: {size: 1G}}\n", false],
    ["a size that is not one", "services:\n  web: {image: a, mem_limit: lots}\n", false],
    ["data containers", "data_containers:\n  d: {image: busybox, volumes: [/d]}\n", true],
    ["a data container without image", "data_containers:\n  d: {volumes: [/d]}\n", false],
  ])("agrees with tsd on %s", (_case, yaml, expected) => {
    expect(accepts(yaml)).toBe(expected);
  });
});
