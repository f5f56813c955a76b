/**
 * What every verb that takes a service has in common: an unknown service is
 * refused before any engine call, and help lists every flag with a
 * description.
 *
 * "Before any engine call" is proven by pointing DOCKER_HOST at a socket that
 * does not exist: a verb that reached for the engine first would fail with
 * "cannot reach the Docker engine" instead of naming the service.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TempProject, tempProject } from "../unit/support/temp-project.js";
import { runCli } from "./run-cli.js";

/** Each verb with the arguments that name the unknown service `nosuch`. */
const SERVICE_VERBS: Record<string, readonly string[]> = {
  up: ["-d", "nosuch"],
  plan: ["nosuch"],
  ps: ["nosuch"],
  create: ["nosuch"],
  start: ["nosuch"],
  stop: ["nosuch"],
  restart: ["nosuch"],
  kill: ["nosuch"],
  pause: ["nosuch"],
  unpause: ["nosuch"],
  rm: ["-f", "nosuch"],
  wait: ["nosuch"],
  logs: ["nosuch"],
  top: ["nosuch"],
  stats: ["--no-stream", "nosuch"],
  events: ["nosuch"],
  port: ["nosuch", "80"],
  images: ["nosuch"],
  inspect: ["nosuch"],
  exec: ["nosuch", "true"],
  run: ["nosuch", "true"],
  cp: ["nosuch:/etc/hostname", "copied"],
  export: ["-o", "out.tar", "nosuch"],
  commit: ["nosuch", "tsd-test/committed:1"],
  build: ["nosuch"],
  pull: ["nosuch"],
  push: ["nosuch"],
  watch: ["nosuch"],
  audit: ["nosuch"],
  attach: ["nosuch"],
  diff: ["nosuch"],
  tag: ["nosuch", "tsd-test/tagged:1"],
  rmi: ["nosuch"],
  save: ["-o", "images.tar", "nosuch"],
  volumes: ["nosuch"],
  networks: ["nosuch"],
};

const NO_ENGINE = { DOCKER_HOST: "unix:///nonexistent/tsd-test.sock" };
let project: TempProject;

beforeAll(() => {
  project = tempProject({ "compose.yaml": "services:\n  web:\n    image: tsd-test/busybox:1\n  db:\n    image: tsd-test/busybox:1\n" });
});
afterAll(() => project.cleanup());

describe("an unknown service is refused before the engine is touched", () => {
  it.each(Object.entries(SERVICE_VERBS))("tsd %s", (verb, args) => {
    const result = runCli([verb, ...args], project.dir, NO_ENGINE);
    expect(result.stderr).toContain("no such service: nosuch (services: db, web)");
    expect(result.stderr).not.toMatch(/cannot reach the Docker engine|internal error|\n\s+at /);
    expect(result.stdout).toBe("");
    expect(result.status).toBe(1);
  });
});

describe("help", () => {
  const verbs = Object.keys(SERVICE_VERBS);

  it.each(verbs)("tsd help %s lists every flag with a one-line description", (verb) => {
    const result = runCli(["help", verb], project.dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: tsd ${verb} `));
    const optionLines = result.stdout
      .slice(result.stdout.indexOf("Options:"))
      .split("\n")
      .slice(1)
      .filter((line) => /^ {2}-/.test(line));
    expect(optionLines.length).toBeGreaterThan(1);
    for (const line of optionLines) expect(line, `${verb}: ${line}`).toMatch(/^ {2}-\S.*\S {2,}\S/);
    expect(runCli([verb, "--help"], project.dir).stdout).toBe(result.stdout);
  });

  it("tsd --help names every verb", () => {
    const result = runCli(["--help"], project.dir);
    for (const verb of verbs) expect(result.stdout).toMatch(new RegExp(`^\\s+${verb}\\b`, "m"));
  });
});

describe("stack flags before the verb, as Compose takes them", () => {
  it("tsd -f FILE -p NAME --profile P VERB uses them, and the verb's own flags add to them", () => {
    const folder = tempProject({
      "compose.yaml": "services:\n  default-only:\n    image: tsd-test/busybox:1\n",
      "dev.yml": "services:\n  web:\n    image: tsd-test/busybox:1\n  extra:\n    image: tsd-test/busybox:1\n    profiles: [x]\n",
      "more.yml": "services:\n  worker:\n    image: tsd-test/busybox:1\n",
    });
    try {
      const before = runCli(["-f", "dev.yml", "--profile", "x", "config", "--services"], folder.dir);
      expect(before).toEqual({ status: 0, stdout: "extra\nweb\n", stderr: "" });
      const both = runCli(["-f", "dev.yml", "config", "-f", "more.yml", "--services"], folder.dir);
      expect(both.stdout).toBe("web\nworker\n");
      // logs' own -f is --follow: the stack file comes before the verb.
      const logs = runCli(["-f", "dev.yml", "logs", "nosuch"], folder.dir, NO_ENGINE);
      expect(logs.stderr).toContain("no such service: nosuch (services: web)");
    } finally {
      folder.cleanup();
    }
  });
});
