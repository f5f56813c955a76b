/**
 * `tsd audit` against the whole list: a deliberately bad stack
 * reports every item at the line it was written on; every ready-made stack
 * and every example passes at `--fail-on high`.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const NO_ENGINE = { DOCKER_HOST: "unix:///nonexistent/tsd-test.sock" };

interface Report {
  readonly findings: readonly { rule: string; severity: string; service: string; line: number; column: number; message: string }[];
}

describe("tsd audit: the whole list", () => {
  it("reports every item of a deliberately bad stack with its line, and never prints the secret", () => {
    const stack = join(import.meta.dirname, "fixtures/audit-everything/tsd.yaml");
    const result = runCli(["audit", "-f", stack, "--format", "json"], repoRoot, NO_ENGINE);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    const found = report.findings.map((finding) => `${finding.service} ${finding.rule} ${finding.severity} line ${finding.line}`).sort();
    expect(found).toEqual(
      [
        "bad privileged high line 6",
        "bad dangerous-capability high line 7",
        "bad unconfined-security high line 8",
        "bad host-namespace high line 9",
        "bad docker-socket high line 11",
        "bad system-path-writable high line 12",
        "bad system-path-mounted medium line 13",
        "bad published-on-all-interfaces medium line 15",
        "bad secret-in-environment high line 17",
        "bad image-latest medium line 5",
        "bad image-not-pinned low line 5",
        "bad runs-as-root medium line 4",
        "bad no-memory-limit medium line 4",
        "bad no-pids-limit low line 4",
        "bad not-read-only low line 4",
        "bad no-new-privileges-missing low line 8",
        "latest image-latest medium line 19",
        "latest image-not-pinned low line 19",
        "latest host-namespace high line 20",
        "latest runs-as-root medium line 21",
        "latest no-memory-limit medium line 18",
        "latest no-pids-limit low line 18",
        "latest not-read-only low line 18",
        "latest no-new-privileges-missing low line 18",
      ].sort(),
    );
    const text = runCli(["audit", "-f", stack], repoRoot, NO_ENGINE);
    for (const output of [result.stdout, text.stdout, text.stderr]) expect(output).not.toContain("hunter2");
  });

  const stackFiles = [
    ...readdirSync(join(repoRoot, "stacks")).map((name) => join(repoRoot, "stacks", name, "tsd.yaml")),
    ...readdirSync(join(repoRoot, "examples")).map((name) => join(repoRoot, "examples", name, "stack.yml")),
  ];

  it.each(stackFiles.map((file) => [file.slice(repoRoot.length + 1), file]))("%s passes at --fail-on high", (_name, file) => {
    const result = runCli(["audit", "-f", file, "--fail-on", "high"], repoRoot, NO_ENGINE);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/ 0 high, /);
    expect(result.status).toBe(0);
  });
});
