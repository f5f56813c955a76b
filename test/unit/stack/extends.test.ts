/**
 * `extends`: same file and other files, chains, cycles, resets, and the
 * compose-go testdata cases (loader/testdata/extends) restated over an
 * in-memory file system.
 */
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveExtends } from "../../../src/stack/extends.js";
import { type PlainMap, locatePath } from "../../../src/stack/located.js";
import { applyResetTags } from "../../../src/stack/merge.js";
import { resolveRelativePaths } from "../../../src/stack/paths.js";
import { parseStackText, readStackFile } from "../../../src/stack/read.js";
import { tempProject } from "../support/temp-project.js";
import { configErrorOf } from "../support/config-error.js";

/** Loads `entry` from `files` (absolute path → YAML) the way the loader does, extends resolved and resets applied. */
function load(files: Record<string, string>, entry = "/p/compose.yaml"): { tree: PlainMap; reads: string[] } {
  const reads: string[] = [];
  const read = (path: string): PlainMap => {
    const text = files[path];
    if (text === undefined) throw new Error(`test: no file ${path}`);
    const tree = parseStackText(text, path)[0] ?? {};
    resolveRelativePaths(tree, dirname(path));
    return tree;
  };
  const tree = read(entry);
  resolveExtends(tree, entry, (path) => {
    reads.push(path);
    return read(path);
  });
  applyResetTags(tree);
  return { tree, reads };
}

function services(files: Record<string, string>, entry?: string): Record<string, PlainMap> {
  return load(files, entry).tree.services as Record<string, PlainMap>;
}

function errorOf(files: Record<string, string>): string {
  return configErrorOf(() => load(files)).message;
}

describe("resolveExtends: same file", () => {
  it("extends: name and {service: name} copy the base and let the service override it", () => {
    const result = services({
      "/p/compose.yaml":
        "services:\n  base:\n    image: base\n    environment: [A=1]\n    ports: ['80:80']\n  another:\n    extends: base\n  web:\n    extends: {service: base}\n    image: web\n    environment: {B: '2'}\n",
    });
    expect(result.another).toEqual({ image: "base", environment: ["A=1"], ports: ["80:80"] });
    expect(result.web).toEqual({ image: "web", environment: { A: "1", B: "2" }, ports: ["80:80"] });
    expect(result.base).toEqual({ image: "base", environment: ["A=1"], ports: ["80:80"] });
  });

  it("follows chains and resolves each link once", () => {
    const result = services({
      "/p/compose.yaml":
        "services:\n  a: {extends: b, command: a}\n  b: {extends: c, environment: [B=1]}\n  c: {image: c, environment: [C=1], command: c}\n",
    });
    expect(result.a).toEqual({ image: "c", environment: { C: "1", B: "1" }, command: "a" });
    expect(result.b).toEqual({ image: "c", environment: { C: "1", B: "1" }, command: "c" });
  });

  it("command: !reset removes the inherited command (testdata/extends/reset.yaml)", () => {
    const result = services({
      "/p/compose.yaml": 'services:\n  init:\n    image: alpine:latest\n    command: "sleep infinity"\n  base:\n    extends: { service: init }\n    command: !reset\n',
    });
    expect(result.base).toEqual({ image: "alpine:latest" });
  });

  it("extending and overriding the same port does not duplicate it (testdata/extends/ports.yaml)", () => {
    const result = services({
      "/p/ports.yaml": "services:\n  test:\n    image: test\n    ports:\n      - 8080:8080\n",
      "/p/compose.yaml": "services:\n  test:\n    extends: {file: ports.yaml, service: test}\n    ports: ['8080:8080', '9090:9090']\n",
    });
    expect(result.test?.ports).toEqual(["8080:8080", "9090:9090"]);
  });

  it("inherits depends_on and other references (checked later against the final project)", () => {
    const result = services({
      "/p/compose.yaml": "services:\n  base: {image: foo, depends_on: [zot], network_mode: 'service:zot'}\n  web: {extends: base}\n  zot: {image: z}\n",
    });
    expect(result.web).toEqual({ image: "foo", depends_on: ["zot"], network_mode: "service:zot" });
  });

  it("extending an empty service gives only what the service itself says (testdata/extends/base.yaml `nil`)", () => {
    expect(services({ "/p/compose.yaml": "services:\n  nil:\n  web: {extends: nil, image: x}\n" }).web).toEqual({ image: "x" });
  });
});

describe("resolveExtends: other files", () => {
  it("paths of the extended service stay relative to its own file (testdata/extends/sibling.yaml)", () => {
    const result = services({
      "/p/compose.yaml": "services:\n  with-build:\n    extends:\n      file: sub/sibling.yaml\n      service: test\n",
      "/p/sub/sibling.yaml": "services:\n  test:\n    build: .\n    env_file: ./vars.env\n",
    });
    expect(result["with-build"]).toEqual({ build: "/p/sub", env_file: "/p/sub/vars.env" });
  });

  it("a chain across files resolves each file's extends against that file (testdata/extends/withdir)", () => {
    const { tree, reads } = load({
      "/p/compose.yaml": "services:\n  test:\n    extends:\n      file: dir/compose.yaml\n      service: test\n",
      "/p/dir/compose.yaml": "services:\n  test:\n    extends:\n      file: base.yaml\n      service: test\n",
      "/p/dir/base.yaml": "services:\n  test:\n    image: hello-world\n",
    });
    expect(tree.services).toEqual({ test: { image: "hello-world" } });
    expect(reads).toEqual(["/p/dir/compose.yaml", "/p/dir/base.yaml"]);
  });

  it("keeps a remote build context as written (compose-test-extends-with-context-url.yaml)", () => {
    const result = services({
      "/p/compose.yaml": "services:\n  importer:\n    extends: {file: imported.yaml, service: imported}\n",
      "/p/imported.yaml": "services:\n  imported:\n    build:\n      context: https://github.com/docker/compose.git\n",
    });
    expect(result.importer).toEqual({ build: { context: "https://github.com/docker/compose.git" } });
  });

  it("reads each extended file once, however many services extend it", () => {
    const { reads } = load({
      "/p/compose.yaml": "services:\n  a: {extends: {file: lib.yaml, service: x}}\n  b: {extends: {file: lib.yaml, service: y}}\n",
      "/p/lib.yaml": "services:\n  x: {image: x}\n  y: {extends: x}\n",
    });
    expect(reads).toEqual(["/p/lib.yaml"]);
  });

  it("an inherited value keeps the location where the base file wrote it", () => {
    const { tree } = load({
      "/p/compose.yaml": "services:\n  web:\n    extends: {file: lib.yaml, service: x}\n    command: go\n",
      "/p/lib.yaml": "services:\n  x:\n    image: x\n",
    });
    expect(locatePath(tree, ["services", "web", "image"])).toEqual({ file: "/p/lib.yaml", line: 3, column: 5 });
    expect(locatePath(tree, ["services", "web", "command"])).toEqual({ file: "/p/compose.yaml", line: 4, column: 5 });
    expect(locatePath(tree, ["services", "web"])).toEqual({ file: "/p/compose.yaml", line: 2, column: 3 });
  });
});

describe("resolveExtends: errors", () => {
  it.each([
    ["services:\n  web: {extends: web}\n", "compose.yaml:2:9 services.web.extends: circular reference in extends: web -> web"],
    [
      "services:\n  web: {extends: base}\n  base: {extends: web}\n",
      "compose.yaml:2:9 services.web.extends: circular reference in extends: web -> base -> web",
    ],
    [
      "services:\n  web:\n    extends: {file: other.yaml}\n",
      "compose.yaml:3:5 services.web.extends.service: is required: the name of the service to extend",
    ],
    [
      "services:\n  web:\n    extends: {service: nope}\n",
      'compose.yaml:3:15 services.web.extends.service: service "nope" is not defined in compose.yaml',
    ],
    [
      "services:\n  web:\n    extends: {service: x, files: a}\n",
      'compose.yaml:3:27 services.web.extends.files: unknown key "files" (expected service, file)',
    ],
    ["services:\n  web:\n    extends: [x]\n", "compose.yaml:3:5 services.web.extends: must be a service name or a mapping with `service` and optional `file`"],
  ])("%j fails: %s", (text, message) => {
    expect(errorOf({ "/p/compose.yaml": text })).toBe(`/p/${message}`);
  });

  it("a remote extends file is refused as unsupported, naming it (testdata/remote)", () => {
    expect(errorOf({ "/p/compose.yaml": "services:\n  bar:\n    extends:\n      file: remote:cycle/compose.yaml\n      service: foo\n" })).toBe(
      '/p/compose.yaml:4:7 services.bar.extends.file: not supported by tsd: remote resources ("remote:cycle/compose.yaml"; only local files can be extended)',
    );
  });

  it("a missing extends file is reported where extends.file names it", () => {
    const project = tempProject({ "compose.yaml": "services:\n  web:\n    extends: {file: missing.yaml, service: x}\n" });
    try {
      const entry = project.path("compose.yaml");
      const tree = readStackFile(entry)[0] ?? {};
      resolveRelativePaths(tree, project.dir);
      expect(() => resolveExtends(tree, entry, (path) => readStackFile(path)[0] ?? {})).toThrow(
        `${entry}:3:15 services.web.extends.file: ${project.path("missing.yaml")}: no such file`,
      );
    } finally {
      project.cleanup();
    }
  });

  it("a cycle across files names each service's file (testdata/remote/cycle)", () => {
    const message = errorOf({
      "/p/compose.yaml": "services:\n  foo:\n    extends: {file: cycle/compose-cycle.yaml, service: bar}\n",
      "/p/cycle/compose-cycle.yaml": "services:\n  bar:\n    extends: {file: compose.yaml, service: foo}\n",
      "/p/cycle/compose.yaml": "services:\n  foo:\n    extends: {file: compose-cycle.yaml, service: bar}\n",
    });
    expect(message).toBe(
      "/p/cycle/compose.yaml:3:5 services.foo.extends: circular reference in extends: foo (cycle/compose.yaml) -> bar (cycle/compose-cycle.yaml) -> foo (cycle/compose.yaml)",
    );
  });

  it("an unknown service in another file names that file", () => {
    expect(
      errorOf({
        "/p/compose.yaml": "services:\n  web:\n    extends: {file: lib/base.yaml, service: nope}\n",
        "/p/lib/base.yaml": "services:\n  other: {image: x}\n",
      }),
    ).toBe('/p/compose.yaml:3:36 services.web.extends.service: service "nope" is not defined in lib/base.yaml');
  });
});
