/**
 * Audits a stack written as YAML, loaded through the real loader from a temp
 * folder, so locations are the ones a user sees.
 */
import { readFileSync } from "node:fs";
import { afterEach } from "vitest";
import { type AuditOptions, type AuditResult, auditStack } from "../../../src/audit/audit.js";
import type { Finding } from "../../../src/audit/finding.js";
import { loadProject } from "../../../src/project/project.js";
import { type TempProject, tempProject } from "../support/temp-project.js";

const folders: TempProject[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.cleanup();
});

/** An audit, and where its stack file is. */
export interface Audited extends AuditResult {
  /** A finding's place as `where` prints it: `at(3, 5)` is `<stack.yml>:3:5`. */
  readonly at: (line: number, column: number) => string;
  /** The folder, to add files (Dockerfiles) to. */
  readonly folder: TempProject;
  /** The findings of one rule, as `service file:line:column`. */
  readonly where: (rule: string) => string[];
  /** The rule ids found for one service. */
  readonly rulesOf: (service: string) => string[];
}

/** Loads `yaml` (as stack.yml, with `files` beside it) and audits it; the Dockerfile reader reads the temp folder. */
export function audit(yaml: string, options: AuditOptions & { files?: Record<string, string> } = {}): Audited {
  const folder = tempProject({ "stack.yml": yaml, ...options.files });
  folders.push(folder);
  return auditFolder(folder, options);
}

/** Audits the stack already written in `folder`. */
export function auditFolder(folder: TempProject, options: AuditOptions = {}): Audited {
  const project = loadProject({ cwd: folder.dir, files: ["stack.yml"], environment: {}, projectName: "demo" });
  const result = auditStack(project.stack, project.locate, { readFile: readFrom(folder), ...options });
  const file = folder.path("stack.yml");
  return {
    ...result,
    folder,
    at: (line, column) => `${file}:${line}:${column}`,
    where: (rule) => result.findings.filter((finding) => finding.rule === rule).map(placed),
    rulesOf: (service) => result.findings.filter((finding) => finding.service === service).map((finding) => finding.rule),
  };
}

function placed(finding: Finding): string {
  const location = finding.location;
  return `${finding.service} ${location ? `${location.file}:${location.line}:${location.column}` : "?"}`;
}

/** Reads files below the folder only, like the CLI reads a build context. */
function readFrom(folder: TempProject): (path: string) => string | undefined {
  return (path) => {
    if (!path.startsWith(folder.dir)) return undefined;
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  };
}

/** A digest-pinned image reference for the fixtures. */
export const PINNED = `nginx:1.27@sha256:${"a".repeat(64)}`;

/**
 * A stack whose service `web` passes every rule, plus `extra` lines (written
 * at the service's indentation, 4 spaces) — line 2 is `web:`, the first
 * extra line is line 10. Tests add the one setting they are about.
 */
export function hardened(...extra: string[]): string {
  return [
    "services:",
    "  web:",
    `    image: ${PINNED}`,
    '    user: "101:101"',
    "    read_only: true",
    '    security_opt: ["no-new-privileges:true"]',
    "    pids_limit: 100",
    "    mem_limit: 256m",
    '    ports: ["127.0.0.1:8080:80"]',
    ...extra.map((line) => `    ${line}`),
    "",
  ].join("\n");
}

/** The baseline with the line of `key` replaced by `lines` (none: the key is dropped, and later lines move up one). */
export function hardenedWith(key: string, ...lines: string[]): string {
  const baseline = hardened().split("\n");
  const index = baseline.findIndex((line) => line.startsWith(`    ${key}:`));
  if (index < 0) throw new Error(`the baseline has no ${key}`);
  baseline.splice(index, 1, ...lines.map((line) => `    ${line}`));
  return baseline.join("\n");
}
