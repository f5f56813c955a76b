/**
 * `tsd audit` as a user runs it: the built CLI, a stack in a temp folder, and
 * DOCKER_HOST pointing at nothing, since the audit never needs the engine.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type TempProject, tempProject } from "../unit/support/temp-project.js";
import { runCli } from "./run-cli.js";

const NO_ENGINE = { DOCKER_HOST: "unix:///nonexistent/tsd-test.sock" };
const DIGEST = `sha256:${"a".repeat(64)}`;

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function withStack(stack: string, files: Record<string, string> = {}): TempProject {
  project = tempProject({ "tsd.yaml": stack, ...files });
  return project;
}

const PRIVILEGED = ["services:", "  tools:", `    image: busybox:1.36@${DIGEST}`, "    privileged: true", ""].join("\n");

const HARDENED = [
  "services:",
  "  web:",
  `    image: nginx:1.27@${DIGEST}`,
  '    user: "101:101"',
  "    read_only: true",
  "    tmpfs: [/tmp, /var/cache/nginx, /var/run]",
  '    security_opt: ["no-new-privileges:true"]',
  "    pids_limit: 100",
  "    deploy: {resources: {limits: {memory: 128M}}}",
  '    ports: ["127.0.0.1:8080:80"]',
  "",
].join("\n");

describe("tsd audit", () => {
  it("reports a privileged service with its location and fails (exit 1) at the default --fail-on high", () => {
    const { dir, path } = withStack(PRIVILEGED);
    const result = runCli(["audit"], dir, NO_ENGINE);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`service tools\n  high    privileged                 ${path("tsd.yaml")}:4:5\n`);
    expect(result.stdout).toMatch(/\n6 findings: 1 high, 2 medium, 3 low\n$/);
    expect(result.stdout).not.toContain("\u001b[");
  });

  it("--fail-on none never fails; --fail-on medium fails on medium findings only", () => {
    const { dir } = withStack(PRIVILEGED);
    expect(runCli(["audit", "--fail-on", "none"], dir, NO_ENGINE).status).toBe(0);
    const hardenedButRoot = withStack(HARDENED.replace('    user: "101:101"\n', ""));
    expect(runCli(["audit"], hardenedButRoot.dir, NO_ENGINE).status).toBe(0);
    expect(runCli(["audit", "--fail-on", "medium"], hardenedButRoot.dir, NO_ENGINE).status).toBe(1);
    expect(runCli(["audit", "--fail-on", "medium", "--format", "json"], hardenedButRoot.dir, NO_ENGINE).status).toBe(1);
  });

  it("--format json prints one parseable document, without colour", () => {
    const { dir, path } = withStack(PRIVILEGED);
    const result = runCli(["audit", "--format", "json", "--fail-on", "none"], dir, NO_ENGINE);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.summary).toEqual({ high: 1, medium: 2, low: 3, ignored: 0 });
    expect(document.findings[0]).toEqual({
      rule: "privileged",
      severity: "high",
      kind: "service",
      service: "tools",
      file: path("tsd.yaml"),
      line: 4,
      column: 5,
      message: expect.any(String),
      fix: expect.any(String),
    });
  });

  it("a hardened service has no findings (exit 0)", () => {
    const { dir } = withStack(HARDENED);
    expect(runCli(["audit"], dir, NO_ENGINE)).toEqual({ status: 0, stdout: "no findings\n", stderr: "" });
  });

  it("takes the stack flags before the verb, and only the services named", () => {
    const { dir } = withStack("", { "hardened.yml": HARDENED.replace("  web:", "  web:\n    privileged: true") });
    const result = runCli(["-f", "hardened.yml", "audit", "web", "--fail-on", "none"], dir, NO_ENGINE);
    expect(result.stdout).toMatch(/^service web\n  high    privileged/);
    expect(result.stdout).toContain("1 finding: 1 high, 0 medium, 0 low");
  });

  it("a bad --fail-on is a usage error", () => {
    const { dir } = withStack(HARDENED);
    const result = runCli(["audit", "--fail-on", "critical"], dir, NO_ENGINE);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("argument 'critical' is invalid. Allowed choices are low, medium, high, none.");
    expect(result.stdout).toBe("");
  });

  it("an invalid stack, an unknown ignored rule or an unknown service is reported like every verb does", () => {
    const invalid = withStack("services:\n  web:\n    image: nginx\n    privleged: true\n");
    const badStack = runCli(["audit"], invalid.dir, NO_ENGINE);
    expect(badStack).toMatchObject({ status: 1, stdout: "" });
    expect(badStack.stderr).toContain(`tsd: tsd.yaml:4:5 services.web.privleged: unknown key "privleged", did you mean "privileged"?`);

    const ignoring = withStack(`${HARDENED}x-tsd:\n  audit:\n    ignore: [privileged-mode]\n`);
    const badIgnore = runCli(["audit"], ignoring.dir, NO_ENGINE);
    expect(badIgnore).toMatchObject({ status: 1, stdout: "" });
    expect(badIgnore.stderr).toContain(`tsd: tsd.yaml:13:14 x-tsd.audit.ignore[0]: unknown audit rule "privileged-mode"`);

    const named = withStack(HARDENED);
    expect(runCli(["audit", "nosuch"], named.dir, NO_ENGINE)).toEqual({ status: 1, stdout: "", stderr: "tsd: no such service: nosuch (services: web)\n" });
  });

  it("ignored findings are counted, not dropped, and do not fail the run", () => {
    const { dir } = withStack(PRIVILEGED.replace("    privileged: true", "    privileged: true\n    x-tsd: {audit: {ignore: [privileged]}}"));
    const result = runCli(["audit"], dir, NO_ENGINE);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\n5 findings: 0 high, 2 medium, 3 low \(1 ignored\)\n$/);
  });
});
