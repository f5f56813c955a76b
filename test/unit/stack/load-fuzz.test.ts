/**
 * Property: whatever YAML the loader is given, it either returns a Stack or
 * throws a ConfigError. Never a TypeError, never an engine call (the loader
 * has no engine), never an uncaught library error.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ConfigError } from "../../../src/errors.js";
import { loadProject } from "../../../src/project.js";
import { corpusRoot } from "../support/corpus-root.js";
import { tempProject } from "../support/temp-project.js";

const awesomeCompose = join(corpusRoot, "awesome-compose");
const project = tempProject();
afterAll(() => project.cleanup());

function loadText(text: string): "ok" | "config-error" {
  const file = project.write("stack.yml", text);
  try {
    loadProject({ cwd: project.dir, files: [file], environment: { HOME: "/root" } });
    return "ok";
  } catch (error) {
    if (error instanceof ConfigError) return "config-error";
    throw error;
  }
}

function corpusDocuments(): unknown[] {
  return readdirSync(awesomeCompose)
    .filter((entry) => statSync(join(awesomeCompose, entry)).isDirectory())
    .flatMap((sample) =>
      ["compose.yaml", "compose.yml"]
        .map((name) => join(awesomeCompose, sample, name))
        .filter((file) => {
          try {
            return statSync(file).isFile();
          } catch {
            return false;
          }
        }),
    )
    .map((file) => parse(readFileSync(file, "utf8")) as unknown);
}

/** Random JSON-ish values, including the types that trip up loaders: numbers for strings, nulls, nested lists. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -1, 65536, 1.5, "", "${", "$$", "${X:?boom}", "80:80", "a:b:c:d", "service:x", "!reset"),
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("image", "ports", "volumes", "depends_on", "x-a", "networks", "build", "unknown"), tie("value"), { maxKeys: 3 }),
  ),
})).value;

type Path = (string | number)[];

function allPaths(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...allPaths(item, [...prefix, index])));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) paths.push(...allPaths(item, [...prefix, key]));
  }
  return paths;
}

function mutate(document: unknown, path: Path, replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return remove ? {} : replacement;
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

describe("loader robustness (fast-check)", () => {
  it("arbitrary text is a Stack or a ConfigError", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(["ok", "config-error"]).toContain(loadText(text));
      }),
      { numRuns: 300 },
    );
  });

  it("random YAML structures are a Stack or a ConfigError", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("services", "volumes", "networks", "name", "secrets", "data_containers", "x-y", "include"), jsonValue, { maxKeys: 4 }),
        (document) => {
          expect(["ok", "config-error"]).toContain(loadText(stringify(document)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("mutations of real stack files are a Stack or a ConfigError", () => {
    const documents = corpusDocuments();
    expect(documents.length).toBeGreaterThan(30);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: documents.length - 1 }),
        fc.nat(),
        jsonValue,
        fc.boolean(),
        (documentIndex, pathSeed, replacement, remove) => {
          const document = documents[documentIndex];
          const paths = allPaths(document);
          const path = paths[pathSeed % paths.length] as Path;
          const text = stringify(mutate(document, path, replacement, remove));
          expect(["ok", "config-error"]).toContain(loadText(text));
        },
      ),
      { numRuns: 400 },
    );
  });
});
