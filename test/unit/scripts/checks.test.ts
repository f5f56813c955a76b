/**
 * The two house checks `npm test` runs before the tests, each on a small
 * tree made for the case: they must catch what they exist to catch, point
 * at the file and line, and stay quiet on a clean tree.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkLayers } from "../../../scripts/check-layers.mjs";
import { MAX_FUNCTION_LINES, checkSizes } from "../../../scripts/check-size.mjs";

const trees: string[] = [];
afterEach(() => {
  for (const tree of trees.splice(0)) rmSync(tree, { recursive: true, force: true });
});

/** A throwaway src/ tree with these files. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "tsd-checks-"));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("check-layers", () => {
  it("must pass a tree that follows the layers", () => {
    const root = tree({
      "base/errors.ts": "export const x = 1;\n",
      "stack/load.ts": 'import { x } from "../base/errors.js";\nexport const y = x;\n',
      "cli/main.ts": 'import { y } from "../stack/load.js";\nexport const z = y;\n',
    });
    expect(checkLayers(root)).toEqual({ files: 3, violations: [] });
  });

  it("must name every file of an import cycle, with the lines of the imports to cut", () => {
    const root = tree({
      "app/a.ts": 'import { b } from "./b.js";\nexport const a = b;\n',
      "app/b.ts": 'export const b = 1;\nimport { a } from "./a.js";\nexport const c = a;\n',
    });
    expect(checkLayers(root).violations).toEqual(["import cycle among 2 file(s): app/a.ts:1 → app/b.ts:2 → app/a.ts"]);
  });

  it("must refuse dockerode outside the Docker API adapter, type-only imports included", () => {
    const root = tree({
      "docker-api/dockerode/client.ts": 'import Docker from "dockerode";\nexport const docker = new Docker();\n',
      "targets/docker/run.ts": 'import type Docker from "dockerode";\nexport type D = Docker;\n',
    });
    expect(checkLayers(root).violations).toEqual([
      "targets/docker/run.ts:1: imports dockerode, which only docker-api/dockerode/ may import",
    ]);
  });

  it("must refuse the CLI reaching into a target, and the loader reaching up", () => {
    const root = tree({
      "targets/docker/engine.ts": "export const engine = 1;\n",
      "cli/up.ts": 'import { engine } from "../targets/docker/engine.js";\nexport const up = engine;\n',
      "stack/load.ts": 'export const s = 1;\nexport { engine } from "../targets/docker/engine.js";\n',
    });
    expect(checkLayers(root).violations).toEqual([
      "cli/up.ts:1: cli/ may not import targets/ (../targets/docker/engine.js)",
      "stack/load.ts:2: stack/ may not import targets/ (../targets/docker/engine.js)",
    ]);
  });

  it("must refuse one target importing another, and a folder with no row", () => {
    const root = tree({
      "targets/docker/spec.ts": "export const spec = 1;\n",
      "targets/swarm/convert.ts": 'import { spec } from "../docker/spec.js";\nexport const c = spec;\n',
      "gadgets/x.ts": "export const x = 1;\n",
    });
    expect(checkLayers(root).violations).toEqual([
      'gadgets/x.ts: folder "gadgets" has no row in LAYERS (scripts/check-layers.mjs): say what it may import',
      "targets/swarm/convert.ts:1: target swarm imports target docker (../docker/spec.js); share through targets/ or below",
    ]);
  });
});

describe("check-size", () => {
  const body = (lines: number) => Array.from({ length: lines }, (_, index) => `  const v${index} = ${index};`).join("\n");

  it("must pass a function of exactly the limit and flag one line more, by name and line", () => {
    const atLimit = `export function fits() {\n${body(MAX_FUNCTION_LINES - 2)}\n}\n`;
    const over = `\nexport const tooLong = () => {\n${body(MAX_FUNCTION_LINES - 1)}\n};\n`;
    const root = tree({ "a.ts": atLimit + over });
    expect(checkSizes(root).violations).toEqual([`a.ts:${MAX_FUNCTION_LINES + 2}: function tooLong has ${MAX_FUNCTION_LINES + 1} lines (at most ${MAX_FUNCTION_LINES})`]);
  });

  it("must flag a file over 400 lines and a class method by its class, and not be misled by braces in strings", () => {
    const filler = Array.from({ length: 401 }, (_, index) => `export const c${index} = "}{";`).join("\n");
    const method = `class Planner {\n  plan() {\n${body(MAX_FUNCTION_LINES - 1)}\n  }\n}\nexport { Planner };\n`;
    const root = tree({ "big.ts": `${filler}\n`, "planner.ts": method, "ok.ts": `${filler.split("\n").slice(1).join("\n")}\n` });
    expect(checkSizes(root).violations).toEqual([
      "big.ts: 401 lines (at most 400)",
      `planner.ts:2: function Planner.plan has ${MAX_FUNCTION_LINES + 1} lines (at most ${MAX_FUNCTION_LINES})`,
    ]);
  });
});
