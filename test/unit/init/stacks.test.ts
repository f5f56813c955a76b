/**
 * Every ready-made stack in stacks/ loads with no warning, passes the JSON
 * Schema an editor would check it with, and gives every long-running service
 * a health check (one-shot jobs, which others wait for with
 * service_completed_successfully, are the exception).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listStacks, STACK_FILE } from "../../../src/init/catalog.js";
import { loadProject } from "../../../src/project/project.js";
import type { Stack } from "../../../src/stack/model.js";

const repoRoot = join(import.meta.dirname, "../../..");
const stacks = listStacks(join(repoRoot, "stacks"));
const schema = JSON.parse(readFileSync(join(repoRoot, "schemas/stack.schema.json"), "utf8")) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** Services some other service waits for to exit 0: jobs, not servers. */
function oneShotJobs(stack: Stack): Set<string> {
  const jobs = new Set<string>();
  for (const service of Object.values(stack.services)) {
    for (const [name, dependency] of Object.entries(service.dependsOn)) {
      if (dependency.condition === "service_completed_successfully") jobs.add(name);
    }
  }
  return jobs;
}

describe("ready-made stacks", () => {
  it("there are the four the issue asks for, each described", () => {
    expect(stacks.map((stack) => stack.name)).toEqual(["postgres", "web-app", "web-logs", "worker-queue"]);
    for (const stack of stacks) expect(stack.description.length, stack.name).toBeGreaterThan(20);
  });

  describe.each(stacks)("$name", ({ dir }) => {
    const file = join(dir, STACK_FILE);
    const load = () => loadProject({ cwd: dir, files: [file], environment: {} });

    it("loads with no warning and passes the JSON Schema", () => {
      expect(load().warnings).toEqual([]);
      // Merge keys (`<<: *hardening`) resolved, as Compose and YAML editors resolve them.
      validate(parse(readFileSync(file, "utf8"), { merge: true }));
      expect(validate.errors ?? []).toEqual([]);
    });

    it("has a health check on every long-running service, and its jobs never restart", () => {
      const { stack } = load();
      const jobs = oneShotJobs(stack);
      for (const service of Object.values(stack.services)) {
        if (jobs.has(service.name)) expect(service.restart.policy, service.name).toBe("no");
        else expect(service.healthcheck?.test[0], `${service.name} has no health check`).toMatch(/^CMD/);
      }
    });

    it("publishes ports on 127.0.0.1 only", () => {
      const { stack } = load();
      for (const service of Object.values(stack.services)) {
        for (const port of service.ports) expect(port.hostIp, `${service.name}:${port.target}`).toBe("127.0.0.1");
      }
    });
  });
});
