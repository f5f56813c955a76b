/**
 * The first five minutes: `tsd` run in an example's folder finds its
 * stack.yml without -f, and a folder with no stack file says which names
 * it looked for, in order.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type TempProject, tempProject } from "../unit/support/temp-project.js";
import { runCli } from "./run-cli.js";

const examplesRoot = resolve(import.meta.dirname, "../../examples");
const examples = readdirSync(examplesRoot).sort();

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

describe("default stack file names", () => {
  it.each(examples)("tsd in examples/%s finds stack.yml", (example) => {
    const result = runCli(["config", "--format", "json", "--profile", "*"], join(examplesRoot, example));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout).services).length).toBeGreaterThan(0);
  });

  it("a folder without a stack file lists the names looked for, tsd's first", () => {
    project = tempProject({ "README.md": "nothing here\n" });
    const result = runCli(["config"], project.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("(looked for tsd.yaml, tsd.yml, stack.yaml, stack.yml, compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml)");
  });
});
