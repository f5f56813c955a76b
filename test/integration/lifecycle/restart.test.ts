/**
 * `tsd restart db` restarts db, then web (its depends_on on db says
 * `restart: true`), and leaves worker (depends on db without it) running
 * untouched; restart keeps the containers.
 */
import { describe, expect, it } from "vitest";
import { inspectContainer } from "../support/docker.js";
import { fileFixture } from "./file-fixture.js";

const currentFixture = fileFixture("lifecycle-restart", "up");

describe("tsd restart", () => {
  it("restart db must also restart a dependent marked restart: true, after db, and not one without", async () => {
    const fixture = currentFixture();
    const name = (service: string) => `${fixture.projectName}-${service}-1`;
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(["db", "web", "worker"].map(async (service) => {
          const info = await inspectContainer(name(service));
          return [service, { id: info.Id, startedAt: info.State.StartedAt, status: info.State.Status }] as const;
        })),
      );
    const before = await snapshot();

    const result = await fixture.run(["restart", "-f", "stack.yml", "-t", "5", "db"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`Container ${name("db")}  Restarted\nContainer ${name("web")}  Restarted\n`);

    const after = await snapshot();
    for (const service of ["db", "web", "worker"]) {
      expect(after[service]?.id).toBe(before[service]?.id);
      expect(after[service]?.status).toBe("running");
    }
    expect(after.db?.startedAt).not.toBe(before.db?.startedAt);
    expect(after.web?.startedAt).not.toBe(before.web?.startedAt);
    // web started again only once db had.
    expect(Date.parse(after.web?.startedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(after.db?.startedAt ?? ""));
    expect(after.worker?.startedAt).toBe(before.worker?.startedAt);
  });
});
