/**
 * Relative host paths become absolute against the file's project directory
 * (and `~` against the home directory); everything that is not a host path
 * is left as written.
 */
import { homedir } from "node:os";
import { describe, expect, it } from "vitest";
import { type PlainMap, locatePath } from "../../../src/stack/located.js";
import { resolveRelativePaths } from "../../../src/stack/paths.js";
import { parseStackText } from "../../../src/stack/read.js";

const BASE = "/home/me/project";

function resolved(tree: PlainMap): PlainMap {
  resolveRelativePaths(tree, BASE);
  return tree;
}

/** One service field after resolution. */
function serviceField(field: string, value: unknown): unknown {
  const tree = resolved({ services: { web: { [field]: value } as PlainMap } });
  return (tree.services as { web: PlainMap }).web[field];
}

describe("resolveRelativePaths: services", () => {
  it.each([
    [".", BASE],
    ["./app/../web", `${BASE}/web`],
    ["../shared", "/home/me/shared"],
    ["/abs/ctx", "/abs/ctx"],
    ["~", homedir()],
    ["~/src/app", `${homedir()}/src/app`],
    ["https://github.com/docker/compose.git", "https://github.com/docker/compose.git"],
    ["git@github.com:docker/compose.git", "git@github.com:docker/compose.git"],
    ["github.com/docker/compose", "github.com/docker/compose"],
    ["git://example.com/repo.git#main", "git://example.com/repo.git#main"],
  ])("build %j → %j (string and context)", (written, expected) => {
    expect(serviceField("build", written)).toBe(expected);
    expect(serviceField("build", { context: written, dockerfile: "Dockerfile.dev" })).toEqual({ context: expected, dockerfile: "Dockerfile.dev" });
  });

  it("a build mapping without context builds the project directory", () => {
    expect(serviceField("build", { dockerfile: "x.Dockerfile" })).toEqual({ dockerfile: "x.Dockerfile", context: BASE });
  });

  it("additional_contexts: directories resolved, images, services and URLs kept (map and list forms)", () => {
    const contexts = { lib: "../lib", base: "docker-image://alpine:3", svc: "service:base", repo: "https://example.com/r.git", abs: "/x" };
    expect(serviceField("build", { context: ".", additional_contexts: contexts })).toEqual({
      context: BASE,
      additional_contexts: { lib: "/home/me/lib", base: "docker-image://alpine:3", svc: "service:base", repo: "https://example.com/r.git", abs: "/x" },
    });
    expect(serviceField("build", { additional_contexts: ["lib=./lib", "img=docker-image://x"] })).toEqual({
      additional_contexts: [`lib=${BASE}/lib`, "img=docker-image://x"],
      context: BASE,
    });
  });

  it.each([
    ["env_file", ".env", `${BASE}/.env`],
    ["env_file", ["a.env", "/etc/b.env", { path: "./c.env", required: false }], [`${BASE}/a.env`, "/etc/b.env", { path: `${BASE}/c.env`, required: false }]],
    ["label_file", "./labels", `${BASE}/labels`],
    ["label_file", ["l1", "~/l2"], [`${BASE}/l1`, `${homedir()}/l2`]],
  ])("%s %j", (field, written, expected) => {
    expect(serviceField(field, written)).toEqual(expected);
  });

  it.each([
    ["./data:/data", `${BASE}/data:/data`],
    ["./data:/data:ro,z", `${BASE}/data:/data:ro,z`],
    [".:/app", `${BASE}:/app`],
    ["../x/./y:/y", "/home/me/x/y:/y"],
    ["~/.ssh:/root/.ssh:ro", `${homedir()}/.ssh:/root/.ssh:ro`],
    ["/var/run/docker.sock:/var/run/docker.sock", "/var/run/docker.sock:/var/run/docker.sock"],
    ["data:/var/lib/data", "data:/var/lib/data"],
    ["/anonymous", "/anonymous"],
    ["~other/x:/x", "~other/x:/x"],
  ])("short volume %j → %j", (written, expected) => {
    expect(serviceField("volumes", [written])).toEqual([expected]);
  });

  it("long volume syntax: only bind sources are paths", () => {
    expect(
      serviceField("volumes", [
        { type: "bind", source: "./src", target: "/src" },
        { type: "volume", source: "data", target: "/data" },
        { type: "tmpfs", target: "/tmp" },
      ]),
    ).toEqual([
      { type: "bind", source: `${BASE}/src`, target: "/src" },
      { type: "volume", source: "data", target: "/data" },
      { type: "tmpfs", target: "/tmp" },
    ]);
  });

  it("develop.watch paths and extends.file", () => {
    expect(serviceField("develop", { watch: [{ path: "./src", action: "sync", target: "/app" }] })).toEqual({
      watch: [{ path: `${BASE}/src`, action: "sync", target: "/app" }],
    });
    expect(serviceField("extends", { file: "common.yaml", service: "base" })).toEqual({ file: `${BASE}/common.yaml`, service: "base" });
    expect(serviceField("extends", "base")).toBe("base");
    expect(serviceField("extends", { file: "remote:lib/compose.yaml", service: "x" })).toEqual({ file: "remote:lib/compose.yaml", service: "x" });
  });

  it("leaves values of unexpected shape for validation", () => {
    expect(serviceField("volumes", "./not-a-list")).toBe("./not-a-list");
    expect(serviceField("build", 42)).toBe(42);
    expect(serviceField("env_file", [7])).toEqual([7]);
    expect(resolved({ services: ["x"], secrets: "y" })).toEqual({ services: ["x"], secrets: "y" });
  });
});

describe("resolveRelativePaths: top level", () => {
  it("secrets and configs files, data container volumes, bind-backed named volumes", () => {
    const tree = resolved({
      secrets: { token: { file: "./secrets/token" }, env: { environment: "TOKEN" } },
      configs: { app: { file: "app.conf" } },
      data_containers: { seed: { image: "busybox", volumes: ["./seed:/seed", "seed:/data"] } },
      volumes: { local: { driver_opts: { type: "none", o: "bind", device: "./data" } }, named: { driver_opts: { device: "./x" } } },
    });
    expect(tree).toEqual({
      secrets: { token: { file: `${BASE}/secrets/token` }, env: { environment: "TOKEN" } },
      configs: { app: { file: `${BASE}/app.conf` } },
      data_containers: { seed: { image: "busybox", volumes: [`${BASE}/seed:/seed`, "seed:/data"] } },
      volumes: { local: { driver_opts: { type: "none", o: "bind", device: `${BASE}/data` } }, named: { driver_opts: { device: "./x" } } },
    });
  });

  it("include entries in short and long form", () => {
    const tree = resolved({
      include: ["oci://registry/app:1", "db/compose.yaml", { path: ["a.yaml", "/abs/b.yaml"], env_file: "a.env", project_directory: ".." }, { path: "c.yaml", env_file: ["x.env"] }],
    });
    expect(tree.include).toEqual([
      "oci://registry/app:1",
      `${BASE}/db/compose.yaml`,
      { path: [`${BASE}/a.yaml`, "/abs/b.yaml"], env_file: `${BASE}/a.env`, project_directory: "/home/me" },
      { path: `${BASE}/c.yaml`, env_file: [`${BASE}/x.env`] },
    ]);
  });

  it("rewritten values keep the location they were written at", () => {
    const [tree] = parseStackText("services:\n  web:\n    build:\n      dockerfile: Dockerfile\n    volumes:\n      - ./a:/a\n", "/p/compose.yaml");
    resolveRelativePaths(tree!, "/p");
    expect(locatePath(tree!, ["services", "web", "volumes", 0])).toEqual({ file: "/p/compose.yaml", line: 6, column: 9 });
    expect(locatePath(tree!, ["services", "web", "build", "context"])).toEqual({ file: "/p/compose.yaml", line: 4, column: 7 });
  });
});
