/**
 * What the watch loop watches for stack edits: the files the load read and
 * the ones discovery would pick up, and that a file created later (a new
 * override) or saved the way editors save (write a copy, rename it over) is
 * reported, while other files in the folder are not.
 */
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { loadProject } from "../../../src/project/project.js";
import { stackInputPaths, watchStackFiles } from "../../../src/watch/stack-files.js";
import { eventually } from "../../integration/support/eventually.js";
import { tempProject } from "../support/temp-project.js";

const STACK = "services:\n  web:\n    image: tsd-test/busybox:1\n    env_file: [web.env]\n";

function folderWithStack() {
  const folder = tempProject({ "compose.yaml": STACK, "web.env": "A=1\n", "app.js": "" });
  onTestFinished(() => folder.cleanup());
  return folder;
}

describe("stack inputs", () => {
  it("must include the files read, each env_file, .env and discovery's candidates, overrides included", () => {
    const folder = folderWithStack();
    const paths = stackInputPaths(loadProject({ cwd: folder.dir, environment: {}, projectName: "demo" }), { cwd: folder.dir });
    for (const name of ["compose.yaml", "web.env", ".env", "compose.override.yaml", "compose.override.yml", "tsd.yaml", "docker-compose.yml"]) {
      expect(paths).toContain(join(folder.dir, name));
    }
    expect(paths).not.toContain(join(folder.dir, "app.js"));
  });

  it("the watcher must report a new override file and an atomic save, and nothing else in the folder", async () => {
    const folder = folderWithStack();
    const paths = stackInputPaths(loadProject({ cwd: folder.dir, environment: {}, projectName: "demo" }), { cwd: folder.dir });
    const changed: string[] = [];
    const watcher = watchStackFiles(paths, (path) => changed.push(path));
    onTestFinished(() => watcher.close());
    await watcher.ready;

    writeFileSync(join(folder.dir, "app.js"), "console.log(1)\n");
    writeFileSync(join(folder.dir, "compose.override.yaml"), "services: {web: {environment: {B: '2'}}}\n");
    await eventually(() => expect(changed).toContain(join(folder.dir, "compose.override.yaml")), 5_000, 20);
    writeFileSync(join(folder.dir, ".web.env.swp"), "A=2\n");
    renameSync(join(folder.dir, ".web.env.swp"), join(folder.dir, "web.env"));
    await eventually(() => expect(changed).toContain(join(folder.dir, "web.env")), 5_000, 20);
    expect(changed.filter((path) => path.endsWith("app.js") || path.endsWith(".swp"))).toEqual([]);
  });
});
