import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type TempProject, tempProject } from "../unit/support/temp-project.js";
import { runCli } from "./run-cli.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function withFiles(files: Record<string, string>): TempProject {
  project = tempProject(files);
  return project;
}

describe("tsd config", () => {
  it("prints a Compose file in long form: short syntax converted, interpolated, project named after the file's name key", () => {
    const { dir } = withFiles({
      "compose.yaml": "name: shop\nservices:\n  web:\n    image: nginx:${TAG:-1.27}\n    ports: ['8080:80']\n    depends_on: [db]\n  db:\n    image: postgres:16\n",
    });
    const result = runCli(["config", "--format", "json"], dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const stack = JSON.parse(result.stdout);
    expect(stack.name).toBe("shop");
    expect(stack.services.web.image).toBe("nginx:1.27");
    expect(stack.services.web.ports).toEqual([{ mode: "ingress", target: 80, published: "8080", protocol: "tcp" }]);
    expect(stack.services.web.depends_on).toEqual({ db: { condition: "service_started", required: true } });
    expect(stack.networks.default).toEqual({ name: "shop_default" });
  });

  it("prints a file that loads again into the same stack (tsd config -f printed.yml prints it unchanged)", () => {
    const { dir, write } = withFiles({
      "compose.yaml": "name: shop\nservices:\n  web:\n    image: nginx\n    volumes: ['./html:/usr/share/nginx/html:ro']\n    environment: {PRICE: $$5}\n    healthcheck: {test: curl -f localhost, interval: 90s}\n",
    });
    const printed = runCli(["config"], dir);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain("PRICE: $$5");
    expect(printed.stdout).toContain("interval: 1m30s");
    write("printed/compose.yaml", printed.stdout);
    expect(runCli(["config", "-f", "printed/compose.yaml"], dir)).toEqual({ status: 0, stdout: printed.stdout, stderr: "" });
  });

  it("prints YAML by default and lists services with --services", () => {
    const { dir } = withFiles({ "tsd.yaml": "services:\n  b: {image: x}\n  a: {image: y}\n" });
    expect(parse(runCli(["config"], dir).stdout).services.a.image).toBe("y");
    expect(runCli(["config", "--services"], dir).stdout).toBe("a\nb\n");
  });

  it("--quiet prints nothing for a valid stack and exits 0", () => {
    const { dir } = withFiles({ "compose.yml": "services:\n  a: {image: y}\n" });
    expect(runCli(["config", "--quiet"], dir)).toMatchObject({ status: 0, stdout: "", stderr: "" });
  });

  it("reports every problem at once, located, sorted, exit 1, no stack trace", () => {
    const { dir } = withFiles({
      "stack.yml": [
        "services:",
        "  web:",
        "    image: nginx",
        "    ports:",
        "      - '99999:80'",
        "    depnds_on: [db]",
        "  db:",
        "    image: postgres",
        "",
      ].join("\n"),
    });
    const result = runCli(["config", "-q", "-f", "stack.yml"], dir);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toBe("tsd: 2 problems found:");
    // Paths print relative to the working directory when the file is under it.
    expect(lines[1]).toMatch(new RegExp(`^stack\\.yml:5:\\d+ services\\.web\\.ports\\[0\\]: .*99999.*\\(1-65535\\)`));
    expect(lines[2]).toMatch(new RegExp(`^stack\\.yml:6:5 services\\.web.*unknown key "depnds_on", did you mean "depends_on"\\?`));
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("names the file a bad value came from when several files are merged", () => {
    const { dir } = withFiles({
      "compose.yaml": "services:\n  web:\n    image: nginx\n",
      "compose.override.yaml": "services:\n  web:\n    restart: sometimes\n",
    });
    const result = runCli(["config", "-q"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("tsd: compose.override.yaml:3:");
    expect(result.stderr).toContain("services.web.restart");
  });

  it("reports a dependency cycle with its path", () => {
    const { dir } = withFiles({
      "compose.yaml": "services:\n  c: {image: x, depends_on: [a]}\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [c]}\n",
    });
    const result = runCli(["config", "-q"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("dependency cycle detected: a -> b -> c -> a");
  });

  it("fails clearly when no stack file is found", () => {
    const { dir } = withFiles({});
    const result = runCli(["config"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no stack file found in .* \(looked for tsd\.yaml/);
  });

  it("an unknown flag is a usage error (exit 1)", () => {
    const { dir } = withFiles({ "compose.yaml": "services: {}\n" });
    const result = runCli(["config", "--nope"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("unknown option '--nope'");
  });
});

describe("tsd --version and --help", () => {
  it("print and exit 0", () => {
    const { dir } = withFiles({});
    const version = runCli(["--version"], dir);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runCli(["--help"], dir);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/config/);
    expect(help.stdout).toMatch(/graph/);
  });
});
