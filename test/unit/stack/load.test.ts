/**
 * The loader end to end (files on disk → Stack): discovery, environment
 * precedence, project name and identity, profiles from the environment,
 * warnings.
 */
import { mkdirSync, symlinkSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { type LoadOptions, loadStack } from "../../../src/stack/load.js";
import { type TempProject, tempProject } from "../support/temp-project.js";
import { configErrorOf } from "../support/config-error.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function load(files: Record<string, string>, options: Partial<LoadOptions> = {}) {
  project = tempProject(files);
  return loadStack({ cwd: project.dir, environment: {}, ...options });
}

function loadError(files: Record<string, string>, options: Partial<LoadOptions> = {}): string {
  return configErrorOf(() => load(files, options)).message;
}

describe("file discovery", () => {
  it.each([
    [["tsd.yaml", "compose.yaml"], "tsd.yaml"],
    [["tsd.yml", "stack.yaml"], "tsd.yml"],
    [["stack.yaml", "stack.yml"], "stack.yaml"],
    [["stack.yml", "compose.yaml", "docker-compose.yml"], "stack.yml"],
    [["compose.yaml", "docker-compose.yml"], "compose.yaml"],
    [["compose.yml", "docker-compose.yml"], "compose.yml"],
    [["docker-compose.yml"], "docker-compose.yml"],
    [["docker-compose.yaml"], "docker-compose.yaml"],
  ])("among %j picks %s", (names, expected) => {
    const files = Object.fromEntries(names.map((name) => [name, `services:\n  from_${name.replace(/\W/g, "_")}: {image: x}\n`]));
    const { stack } = load(files);
    expect(Object.keys(stack.services)).toEqual([`from_${expected.replace(/\W/g, "_")}`]);
  });

  it("adds the matching .override file, which wins", () => {
    const { stack } = load({
      "compose.yaml": "services:\n  web: {image: nginx:1}\n",
      "compose.override.yaml": "services:\n  web: {image: nginx:2}\n",
    });
    expect(stack.services.web?.image).toBe("nginx:2");
    expect(stack.files.map((file) => file.split("/").pop())).toEqual(["compose.yaml", "compose.override.yaml"]);
  });

  it("searches parent directories", () => {
    project = tempProject({ "compose.yaml": "services:\n  web: {image: nginx}\n" });
    mkdirSync(project.path("sub/deeper"), { recursive: true });
    const { stack } = loadStack({ cwd: project.path("sub/deeper"), environment: {} });
    expect(Object.keys(stack.services)).toEqual(["web"]);
  });

  it.each([
    ["build: ./app", "build: {args: {A: '1'}}", "/app"],
    ["build: {context: ./app, dockerfile: D}", "build: {target: dev}", "/app"],
    ["build: {dockerfile: D}", "build: {args: {A: '1'}}", ""],
    ["build: ./app", "build: {context: ./other}", "/other"],
    ["build: ./app", "build: ./other", "/other"],
  ])("merging %s with an override %s builds <project>%s", (base, override, contextSuffix) => {
    const { stack } = load({
      "compose.yaml": `services:\n  web:\n    ${base}\n`,
      "sub/override.yaml": `services:\n  web:\n    ${override}\n`,
    }, { files: ["compose.yaml", "sub/override.yaml"] });
    expect(stack.services.web?.build?.context).toBe(`${stack.projectDir}${contextSuffix}`);
  });

  it("an empty first file is an error; an empty override is not", () => {
    expect(loadError({ "compose.yaml": "# nothing\n" })).toMatch(/compose\.yaml:1:1 empty stack file/);
    const { stack } = load({ "compose.yaml": "services:\n  a: {image: x}\n", "compose.override.yaml": "" });
    expect(Object.keys(stack.services)).toEqual(["a"]);
  });
});

describe("interpolation environment", () => {
  const stackFile = "services:\n  web:\n    image: app:${TAG}\n";

  it("shell variables win over .env", () => {
    const { stack } = load({ "compose.yaml": stackFile, ".env": "TAG=from-dotenv\n" }, { environment: { TAG: "from-shell" } });
    expect(stack.services.web?.image).toBe("app:from-shell");
  });

  it(".env is read from the project directory", () => {
    const { stack } = load({ "compose.yaml": stackFile, ".env": "TAG=from-dotenv\n" });
    expect(stack.services.web?.image).toBe("app:from-dotenv");
  });

  it("--env-file replaces .env; later env files win and may refer to earlier ones", () => {
    const { stack } = load(
      { "compose.yaml": stackFile, ".env": "TAG=from-dotenv\n", "a.env": "BASE=v1\nTAG=a\n", "b.env": "TAG=${BASE}-b\n" },
      { envFiles: ["a.env", "b.env"] },
    );
    expect(stack.services.web?.image).toBe("app:v1-b");
  });

  it("a missing --env-file is an error naming it", () => {
    expect(loadError({ "compose.yaml": stackFile }, { envFiles: ["missing.env"] })).toMatch(/missing\.env/);
  });

  it("warns once about an unset variable used several times", () => {
    const { warnings } = load({ "compose.yaml": "services:\n  a: {image: 'x:${NOPE}'}\n  b: {image: 'y:${NOPE}'}\n" });
    expect(warnings.filter((warning) => warning.includes("NOPE"))).toHaveLength(1);
  });
});

describe("project name and identity", () => {
  const stackFile = "name: from-file\nservices:\n  a: {image: x}\n";

  it.each([
    [{ projectName: "from-flag" }, { TSD_PROJECT_NAME: "from-env" }, "from-flag"],
    [{}, { TSD_PROJECT_NAME: "from-env" }, "from-env"],
    [{}, { COMPOSE_PROJECT_NAME: "compose-env" }, "compose-env"],
    [{}, {}, "from-file"],
  ])("options %j with environment %j give %s", (options, environment, expected) => {
    expect(load({ "compose.yaml": stackFile }, { ...options, environment }).stack.name).toBe(expected);
  });

  it("derives a normalised name from the directory when nothing else is given", () => {
    project = tempProject({}, "tsd-test-");
    const dir = project.path("My Project.v2");
    project.write("My Project.v2/compose.yaml", "services:\n  a: {image: x}\n");
    expect(loadStack({ cwd: dir, environment: {} }).stack.name).toBe("myprojectv2");
  });

  it.each(["Upper", "-dash", "has.dot"])("rejects the explicit name %s", (name) => {
    expect(loadError({ "compose.yaml": stackFile }, { projectName: name })).toContain(`invalid project name "${name}"`);
  });

  it("gives two folders of the same name different identities, and a symlink the same one", () => {
    project = tempProject({ "one/app/compose.yaml": "services:\n  a: {image: x}\n", "two/app/compose.yaml": "services:\n  a: {image: x}\n" });
    symlinkSync(project.path("one/app"), project.path("link"));
    const one = loadStack({ cwd: project.path("one/app"), environment: {} }).stack;
    const two = loadStack({ cwd: project.path("two/app"), environment: {} }).stack;
    const viaLink = loadStack({ cwd: project.path("link"), environment: {} }).stack;
    expect(one.name).toBe(two.name);
    expect(one.projectId).not.toBe(two.projectId);
    expect(viaLink.projectId).toBe(one.projectId);
  });
});

describe("profiles from the environment", () => {
  const stackFile = "services:\n  app: {image: x}\n  debug: {image: y, profiles: [debug]}\n";

  it("TSD_PROFILES enables profiles when no --profile is given", () => {
    expect(Object.keys(load({ "compose.yaml": stackFile }, { environment: { TSD_PROFILES: "debug" } }).stack.services).sort()).toEqual(["app", "debug"]);
  });

  it("COMPOSE_PROFILES from .env works too (Compose files keep working)", () => {
    expect(Object.keys(load({ "compose.yaml": stackFile, ".env": "COMPOSE_PROFILES=debug\n" }).stack.services).sort()).toEqual(["app", "debug"]);
  });

  it("--profile wins over the environment", () => {
    const { stack } = load({ "compose.yaml": stackFile }, { profiles: ["other"], environment: { TSD_PROFILES: "debug" } });
    expect(Object.keys(stack.services)).toEqual(["app"]);
  });
});
