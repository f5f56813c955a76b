/**
 * Ctrl-C (SIGINT) or `kill` (SIGTERM) in the middle of `tsd up -d`: tsd must
 * stop starting new work, let what is in flight finish, say what it left,
 * exit as shells expect (130, 143), release the project lock, and leave only
 * containers the next `up` adopts as they are.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { LABEL_CONFIG_HASH, LABEL_PROJECT, LABEL_SERVICE } from "../../../src/base/labels.js";
import { docker, inspectContainer, inspectProjectContainers } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";

const SERVICES = ["a", "b", "c", "d", "e"];

/** Every container whose name starts with the project's, labelled or not, by name. */
async function containersNamedAfter(projectName: string) {
  const ids = (await docker(["ps", "--all", "--quiet", "--no-trunc", "--filter", `name=^/${projectName}-`])).split("\n").filter(Boolean);
  const infos = await Promise.all(ids.map((id) => inspectContainer(id)));
  return infos.sort((x, y) => x.Name.localeCompare(y.Name));
}

describe("tsd up: interrupted", () => {
  for (const [signal, exitCode] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`${signal} halfway through up must stop new work, exit ${exitCode} saying what is left, release the lock, and the next up must converge keeping the containers`, async () => {
      const fixture = useFixture("faults-signals");
      const { projectName } = fixture;
      const lockDir = mkdtempSync(join(tmpdir(), "tsd-faults-locks-"));
      onTestFinished(() => rmSync(lockDir, { recursive: true, force: true }));
      const env = { TSD_LOCK_DIR: lockDir };

      const interrupt = new AbortController();
      const running = fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env, signal: interrupt.signal, killSignal: signal, timeoutMs: 120_000 });
      // Halfway: b has started (a turned healthy); c still waits for b's health check.
      await eventually(async () => expect((await inspectContainer(`${projectName}-b-1`)).State.Status).toBe("running"), 60_000, 100);
      interrupt.abort();
      const result = await running;

      // tsd handled the signal and ended by itself, with the shell's code for it.
      expect(result.signal, result.stderr).toBeNull();
      expect(result.status, result.stderr).toBe(exitCode);
      const errorLine = result.stderr.split("\n").find((line) => line.startsWith("tsd: "));
      expect(errorLine, result.stderr).toMatch(new RegExp(`^tsd: interrupted by ${signal}: [1-4] of 5 services done; not finished: [a-d, ]*e$`));
      expect(result.stderr).toContain("hint: run `tsd up` again to finish");
      expect(result.stderr).not.toMatch(/^\s+at /m);

      // No new work after the signal: c waited for b's health check, and was never started.
      const left = await containersNamedAfter(projectName);
      const stateOf = Object.fromEntries(left.map((info) => [info.Config.Labels[LABEL_SERVICE], info.State.Status]));
      expect(stateOf.a).toBe("running");
      expect(stateOf.b).toBe("running");
      for (const service of ["c", "d", "e"]) expect(stateOf[service] ?? "absent", service).toMatch(/^(created|absent)$/);
      // Every container bearing the project's name is tsd's, fully labelled: no create was cut in half.
      for (const info of left) {
        expect(info.Config.Labels[LABEL_PROJECT], info.Name).toBe(projectName);
        expect(info.Config.Labels[LABEL_CONFIG_HASH], info.Name).toMatch(/\S/);
      }

      // The lock went with the interrupted run.
      expect(readdirSync(lockDir)).toEqual([]);

      const again = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env, timeoutMs: 120_000 });
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).not.toContain("waiting for another tsd");
      const converged = await inspectProjectContainers(projectName);
      expect(converged.map((info) => [info.Config.Labels[LABEL_SERVICE], info.State.Status])).toEqual(SERVICES.map((service) => [service, "running"]));
      // What the interrupted run created was adopted, not replaced.
      const idsAfter = new Map(converged.map((info) => [info.Name, info.Id]));
      for (const info of left) expect(idsAfter.get(info.Name), info.Name).toBe(info.Id);
    }, 180_000);
  }
});
