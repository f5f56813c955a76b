/**
 * Planning and copying a ready-made stack: every file is copied, and any file
 * in the way (or another stack file that would be shadowed) stops the copy
 * before anything is written.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findStack, listStacks } from "../../../src/init/catalog.js";
import { copyStack, planCopy } from "../../../src/init/copy.js";
import { type TempProject, tempProject } from "../support/temp-project.js";

let temps: TempProject[] = [];
afterEach(() => {
  for (const temp of temps) temp.cleanup();
  temps = [];
});
function temp(files: Record<string, string> = {}): TempProject {
  const project = tempProject(files, "tsd-init-");
  temps.push(project);
  return project;
}

function catalog(): string {
  return temp({
    "stacks/demo/tsd.yaml": "services:\n  a: {image: x}\n",
    "stacks/demo/README.md": "# demo: a demonstration stack\n\nmore\n",
    "stacks/demo/src/app.js": "console.log(1)\n",
    "stacks/other/tsd.yaml": "services: {}\n",
    "stacks/not-a-stack/README.md": "# no stack file here\n",
  }).path("stacks");
}

describe("listStacks", () => {
  it("lists folders with a stack file, sorted, described by their README's first line without the name prefix", () => {
    expect(listStacks(catalog()).map(({ name, description }) => ({ name, description }))).toEqual([
      { name: "demo", description: "a demonstration stack" },
      { name: "other", description: "" },
    ]);
  });

  it("an unknown name is a usage error naming the stacks there are", () => {
    expect(() => findStack(catalog(), "nope")).toThrow("no such stack: nope (stacks: demo, other)");
  });
});

describe("planCopy and copyStack", () => {
  it("copies every file, creating the folders it needs", () => {
    const stack = findStack(catalog(), "demo");
    const target = join(temp().dir, "new/project");
    const plan = planCopy(stack, target);
    expect(plan).toEqual({ targetDir: target, files: ["README.md", "src/app.js", "tsd.yaml"], conflicts: [] });
    copyStack(stack, plan);
    expect(readFileSync(join(target, "src/app.js"), "utf8")).toBe("console.log(1)\n");
  });

  it("names the files in the way, including another stack file tsd.yaml would shadow, and writes nothing", () => {
    const stack = findStack(catalog(), "demo");
    const target = temp({ "src/app.js": "mine\n", "compose.yaml": "services: {}\n", "notes.txt": "unrelated\n" });
    const plan = planCopy(stack, target.dir);
    expect(plan.conflicts).toEqual(["compose.yaml", "src/app.js"]);
    expect(() => copyStack(stack, plan)).toThrow(`it already holds compose.yaml, src/app.js`);
    expect(existsSync(target.path("tsd.yaml"))).toBe(false);
    expect(readFileSync(target.path("src/app.js"), "utf8")).toBe("mine\n");
  });

  it("copies into a folder that holds only unrelated files", () => {
    const stack = findStack(catalog(), "demo");
    const target = temp({ "notes.txt": "unrelated\n" });
    copyStack(stack, planCopy(stack, target.dir));
    expect(existsSync(target.path("tsd.yaml"))).toBe(true);
  });
});
