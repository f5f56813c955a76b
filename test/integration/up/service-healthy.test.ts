/**
 * `depends_on: {condition: service_healthy}` gates the dependent's start on
 * the dependency's health check, as the engine reports it; a dependency that
 * never turns healthy fails `up` with what its health check last said.
 */
import { describe, expect, it } from "vitest";
import { inspectContainer } from "../support/docker.js";
import { useFixture } from "../support/fixture.js";
import { engineNanoseconds, NEVER_STARTED } from "./engine-time.js";

describe("tsd up: depends_on service_healthy", () => {
  it("a dependent must start only after its dependency's health check turned healthy", async () => {
    const fixture = useFixture("up-service-healthy");

    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(result.status, result.stderr).toBe(0);

    // Read at once: the engine keeps only the last five probes, and the first passing one must still be there.
    const db = await inspectContainer(`${fixture.projectName}-db-1`);
    const app = await inspectContainer(`${fixture.projectName}-app-1`);
    expect(db.State.Health?.Status).toBe("healthy");
    expect(app.State.Status).toBe("running");

    const probes = db.State.Health?.Log ?? [];
    const firstPass = probes.findIndex((probe) => probe.ExitCode === 0);
    expect(firstPass, JSON.stringify(probes, null, 2)).toBeGreaterThan(0);
    // The gate had something to wait for: the probes before the first pass failed, after db had started.
    for (const probe of probes.slice(0, firstPass)) expect(probe.ExitCode).not.toBe(0);
    expect(probes[0]?.Output).toBe("not ready yet\n");
    const healthyAt = engineNanoseconds(probes[firstPass]?.End ?? "");
    expect(engineNanoseconds(probes[0]?.Start ?? "")).toBeGreaterThan(engineNanoseconds(db.State.StartedAt));

    expect(engineNanoseconds(app.State.StartedAt)).toBeGreaterThan(healthyAt);
  });

  it("up must fail, naming the service, the condition and the last health check output, when the dependency never becomes healthy", async () => {
    const fixture = useFixture("up-service-never-healthy");

    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--wait-timeout", "3", "--progress", "plain"]);
    expect(result.status).toBe(1);
    const errorLine = result.stderr.split("\n").find((line) => line.startsWith("tsd: "));
    expect(errorLine, result.stderr).toBe(
      `tsd: app depends on db (service_healthy): timed out after 3s: ${fixture.projectName}-db-1 health is starting; ` +
        "last health check output: no ready file at /tmp/ready",
    );

    const db = await inspectContainer(`${fixture.projectName}-db-1`);
    expect(db.State.Status).toBe("running");
    expect(db.State.Health?.Status).not.toBe("healthy");
    // The dependent was created but never started.
    const app = await inspectContainer(`${fixture.projectName}-app-1`);
    expect(app.State.Status).toBe("created");
    expect(app.State.StartedAt).toBe(NEVER_STARTED);
  });
});
