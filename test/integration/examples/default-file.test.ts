/**
 * The first five minutes: `tsd plan` (what `tsd up` would do) run in an
 * example's folder, with no -f, must find its stack.yml and print a plan
 * that ends with the summary line. Planning is read-only: nothing is
 * created, so the examples' registry images need not be present.
 */
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { projectResources } from "../support/docker.js";
import { runTsd } from "../support/tsd-cli.js";

const examplesRoot = resolve(import.meta.dirname, "../../../examples");
const examples = readdirSync(examplesRoot).sort();

describe("examples/: tsd finds stack.yml without -f", () => {
  it.each(examples)("tsd plan in examples/%s must plan its stack.yml", async (example) => {
    const project = `tsd-it-default-file-${example}-${randomBytes(3).toString("hex")}`;
    const result = await runTsd(["plan"], { cwd: join(examplesRoot, example), env: { TSD_PROJECT_NAME: project }, timeoutMs: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]?.startsWith(`  + create network ${project}_`), lines[0]).toBe(true);
    expect(lines.filter((line) => /^ {2}\+ create container /.test(line)).length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^\d+ to create, 0 to recreate, 0 to remove$/);
    // A plan changes nothing on the engine.
    expect(await projectResources(project)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
