/**
 * `include:` table tests: own project directory and .env, long form,
 * including file wins, cycles.
 */
import { afterEach, describe, expect, it } from "vitest";
import { loadStack } from "../../../src/stack/load.js";
import { type TempProject, tempProject } from "../support/temp-project.js";
import { configErrorOf } from "../support/config-error.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function load(files: Record<string, string>, environment: Record<string, string> = {}) {
  project = tempProject(files);
  return loadStack({ cwd: project.dir, files: ["compose.yaml"], environment });
}

function loadError(files: Record<string, string>): string {
  return configErrorOf(() => load(files)).message;
}

describe("include", () => {
  it("resolves the included file's relative paths against its own directory", () => {
    const { stack } = load({
      "compose.yaml": "include:\n  - db/compose.yaml\nservices:\n  web: {image: nginx, depends_on: [db]}\n",
      "db/compose.yaml": "services:\n  db:\n    image: postgres\n    volumes: ['./init:/docker-entrypoint-initdb.d']\n",
    });
    const mount = stack.services.db?.volumes[0];
    expect(mount).toMatchObject({ type: "bind", source: project!.path("db/init"), target: "/docker-entrypoint-initdb.d" });
    expect(stack.services.web?.dependsOn.db).toBeDefined();
  });

  it("interpolates the included file with its own .env, the shell still winning", () => {
    const files = {
      "compose.yaml": "include:\n  - db/compose.yaml\n",
      "db/compose.yaml": "services:\n  db: {image: 'postgres:${PG}'}\n",
      "db/.env": "PG=16\n",
      ".env": "PG=15\n",
    };
    expect(load(files).stack.services.db?.image).toBe("postgres:16");
    expect(load(files, { PG: "17" }).stack.services.db?.image).toBe("postgres:17");
  });

  it("long form: several paths, an env_file and a project_directory", () => {
    const { stack } = load({
      "compose.yaml": "include:\n  - path: [lib/a.yaml, lib/b.yaml]\n    env_file: lib/vars.env\n    project_directory: shared\n",
      "lib/a.yaml": "services:\n  a: {image: 'a:${V}', build: ./ctx}\n",
      "lib/b.yaml": "services:\n  a: {image: 'b:${V}'}\n",
      "lib/vars.env": "V=7\n",
    });
    expect(stack.services.a?.image).toBe("b:7");
    expect(stack.services.a?.build?.context).toBe(project!.path("shared/ctx"));
  });

  it("the including file's definitions win over the included ones", () => {
    const { stack } = load({
      "compose.yaml": "include: [other.yaml]\nservices:\n  web: {image: mine}\n",
      "other.yaml": "services:\n  web: {image: theirs, user: nobody}\n",
    });
    expect(stack.services.web).toMatchObject({ image: "mine", user: "nobody" });
  });

  it("including the same file twice is accepted", () => {
    const { stack } = load({
      "compose.yaml": "include: [other.yaml, other.yaml]\n",
      "other.yaml": "services:\n  web: {image: theirs, ports: ['80:80']}\n",
    });
    expect(stack.services.web?.ports).toHaveLength(1);
  });

  it.each([
    ["a file including itself", { "compose.yaml": "include: [compose.yaml]\nservices:\n  a: {image: x}\n" }, /include cycle detected: .*compose\.yaml -> .*compose\.yaml/],
    [
      "two files including each other",
      { "compose.yaml": "include: [b.yaml]\n", "b.yaml": "include: [compose.yaml]\n" },
      /include cycle detected: .*compose\.yaml -> .*b\.yaml -> .*compose\.yaml/,
    ],
    ["a missing file", { "compose.yaml": "include: [nope.yaml]\n" }, /nope\.yaml: no such file/],
    ["an entry without path", { "compose.yaml": "include:\n  - env_file: x.env\n" }, /include\[0\]\.path: `path` is required/],
  ])("rejects %s", (_name, files, pattern) => {
    expect(loadError(files)).toMatch(pattern);
  });

  it("locates an include cycle at the include entry that closes it", () => {
    const message = loadError({ "compose.yaml": "include:\n  - compose.yaml\nservices:\n  a: {image: x}\n" });
    expect(message).toMatch(/compose\.yaml:2:5 include\[0\]: include cycle detected: \S+compose\.yaml -> \S+compose\.yaml/);
  });

  it("refuses a remote include as a stated gap, short and long form", () => {
    expect(loadError({ "compose.yaml": "include:\n  - oci://registry/app:1\n" })).toMatch(
      /compose\.yaml:2:5 include\[0\]: not supported by tsd: remote resources \("oci:\/\/registry\/app:1"/,
    );
    expect(loadError({ "compose.yaml": "include:\n  - path: git@github.com:org/repo.git\n" })).toMatch(/include\[0\]\.path: not supported by tsd: remote resources/);
  });
});
