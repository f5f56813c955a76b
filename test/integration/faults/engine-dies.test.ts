/**
 * The engine goes away in the middle of `tsd up`: killed (SIGKILL, as a
 * crash or the OOM killer would) or stopped (SIGTERM, as `systemctl stop
 * docker` does). This happens to a second dockerd started for the test
 * (support/second-engine.ts), never to the engine the other tests share.
 *
 * Killed, the engine stops answering at once: tsd must stop with "cannot
 * reach the Docker engine at …" and a hint, never a stack trace. Stopped
 * cleanly, the engine first stops the containers and only then closes its
 * socket, so tsd may see db exit (143, its SIGTERM) before it sees the engine
 * go; either way, one clear line and no stack trace. Once the engine is back,
 * the same `up` must converge to the whole stack: one container per service
 * replica, the ones created before the fault taken over rather than
 * duplicated, no name conflict.
 */
import type { ContainerInspectInfo } from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABEL_REPLICA, LABEL_SERVICE } from "../../../src/base/labels.js";
import { dockerRaw, projectResources } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";
import { type SecondEngine, startSecondEngine } from "../support/second-engine.js";

let engine: SecondEngine;

beforeAll(async () => {
  engine = await startSecondEngine({ ownNetworkNamespace: true });
});

afterAll(async () => {
  await engine?.stop();
});

const UP = ["up", "-d", "-f", "stack.yml", "--progress", "plain"];

/** `[name, service, replica, state]` of each container, sorted by name. */
function summary(containers: readonly ContainerInspectInfo[]): string[][] {
  return containers.map((info) => [info.Name.slice(1), info.Config.Labels[LABEL_SERVICE] ?? "", info.Config.Labels[LABEL_REPLICA] ?? "", info.State.Status]);
}

/** How the error line of a run cut short by each signal may begin. */
function expectedErrors(signal: "SIGKILL" | "SIGTERM", projectName: string): string[] {
  const unreachable = `tsd: cannot reach the Docker engine at ${engine.socketHost}: it stopped answering during `;
  const dbStopped = `tsd: api depends on db (service_healthy): ${projectName}-db-1 exited with code 143 before becoming healthy`;
  return signal === "SIGKILL" ? [unreachable] : [unreachable, dbStopped];
}

describe("tsd up when the engine dies", () => {
  it.each(["SIGKILL", "SIGTERM"] as const)(
    "dockerd ended with %s mid-up must fail up with one clear line, and the next up must converge without duplicates",
    async (signal) => {
      const fixture = useFixture("faults-engine-dies");
      const { projectName } = fixture;
      const env = { DOCKER_HOST: engine.socketHost };

      const firstUp = fixture.run(UP, { env });
      // db takes about 3 s to turn healthy and api waits for it: kill the engine while up is surely still at work.
      const before = await eventually(async () => {
        const containers = await engine.projectContainers(projectName);
        const db = containers.find((info) => info.Config.Labels[LABEL_SERVICE] === "db");
        expect(db?.State.Health?.Status).toBe("starting");
        return containers;
      }, 30_000, 50);
      await engine.kill(signal);

      const failed = await firstUp;
      expect(failed.status, failed.stderr).toBe(1);
      expect(failed.stderr).not.toMatch(/internal error|\n\s+at /);
      const errorLine = failed.stderr.split("\n").find((line) => line.startsWith("tsd: ")) ?? "";
      // It answered until the fault, so tsd says it went away rather than "start an engine".
      expect(expectedErrors(signal, projectName).some((start) => errorLine.startsWith(start)), failed.stderr).toBe(true);
      if (errorLine.includes("cannot reach")) {
        expect(failed.stderr).toContain("hint: the engine went away while tsd was working (stopped, restarted or crashed). Once it answers again, run the same command");
      }

      await engine.restart();
      const again = await fixture.run(UP, { env });
      expect(again.status, again.stderr).toBe(0);

      const after = await engine.projectContainers(projectName);
      expect(summary(after)).toEqual([
        [`${projectName}-api-1`, "api", "1", "running"],
        [`${projectName}-cache-1`, "cache", "1", "running"],
        [`${projectName}-cache-2`, "cache", "2", "running"],
        [`${projectName}-db-1`, "db", "1", "running"],
        [`${projectName}-web-1`, "web", "1", "running"],
      ]);
      // What the first up created was taken over, not replaced by a twin.
      const afterIds = new Set(after.map((info) => info.Id));
      for (const info of before) expect(afterIds, `${info.Name} was replaced`).toContain(info.Id);
      expect((await engine.docker(["volume", "ls", "--quiet", "--filter", `name=${projectName}_`])).trim()).toBe(`${projectName}_db-data`);

      // A third up has nothing left to do, and the main engine never saw the project.
      const third = await fixture.run(UP, { env });
      expect(third.status, third.stderr).toBe(0);
      expect(third.stderr).toContain("nothing to do");
      expect(await projectResources(projectName)).toEqual({ containers: [], networks: [], volumes: [] });
    },
  );

  it("must leave the main engine's default bridge working (a killed and restarted dockerd once deleted docker0)", async () => {
    const result = await dockerRaw(["run", "--rm", "tsd-test/busybox:1", "true"]);
    expect(result.stderr).not.toContain("docker0");
    expect(result.status).toBe(0);
  });
});
