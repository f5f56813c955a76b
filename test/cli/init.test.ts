/**
 * `tsd init` as a user runs it (the built CLI): it lists the ready-made
 * stacks, copies each into an empty folder where `tsd config --quiet` then
 * succeeds, and refuses, changing nothing, when a file is in the way.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type TempProject, tempProject } from "../unit/support/temp-project.js";
import { runCli } from "./run-cli.js";

const STACKS = ["postgres", "web-app", "web-logs", "worker-queue"];

let project: TempProject | undefined;
afterEach(() => project?.cleanup());
function folder(files: Record<string, string> = {}): TempProject {
  project = tempProject(files, "tsd-init-cli-");
  return project;
}

/** Every file below `dir` with its content and mtime: equal snapshots mean nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = entry.isFile() ? `${statSync(path).mtimeMs} ${readFileSync(path, "utf8")}` : "dir";
  }
  return files;
}

describe("tsd init", () => {
  it("--list names the four stacks with a description each", () => {
    const result = runCli(["init", "--list"], folder().dir);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^STACK\s+DESCRIPTION$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(STACKS);
    for (const line of lines.slice(1)) expect(line.split(/\s{2,}/)[1]?.length).toBeGreaterThan(20);
  });

  it("--list --format json is plain JSON", () => {
    const result = runCli(["init", "--list", "--format", "json"], folder().dir);
    expect((JSON.parse(result.stdout) as { name: string }[]).map((stack) => stack.name)).toEqual(STACKS);
  });

  it("without a stack prints the list and how to go on", () => {
    const result = runCli(["init"], folder().dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("worker-queue");
    expect(result.stderr).toBe("start one with: tsd init STACK [DIR]\n");
  });

  it.each(STACKS)("copies %s into an empty folder, where `tsd config --quiet` succeeds", (stack) => {
    const { dir } = folder();
    const init = runCli(["init", stack, "project"], dir);
    expect(init.stderr).toBe("");
    expect(init.status).toBe(0);
    expect(init.stdout).toContain(`copied the ${stack} stack into ${join(dir, "project")}`);
    expect(runCli(["config", "--quiet"], join(dir, "project"))).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("copies into the current folder by default", () => {
    const { dir, path } = folder();
    expect(runCli(["init", "postgres"], dir).status).toBe(0);
    expect(readFileSync(path("initdb/schema.sql"), "utf8")).toContain("CREATE SCHEMA IF NOT EXISTS app");
  });

  it("refuses a folder holding one of its files: exit 1, the file named, nothing changed", () => {
    const { dir } = folder({ "notes.txt": "mine\n", "proxy/default.conf": "my own proxy\n" });
    const before = snapshot(dir);
    const result = runCli(["init", "web-app", "."], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("it already holds proxy/default.conf\n");
    expect(result.stdout).toBe("");
    expect(snapshot(dir)).toEqual(before);
  });

  it("an unknown stack exits 1 with the list", () => {
    const { dir } = folder();
    const result = runCli(["init", "nope"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("tsd: no such stack: nope (stacks: postgres, web-app, web-logs, worker-queue)");
    expect(readdirSync(dir)).toEqual([]);
  });
});
