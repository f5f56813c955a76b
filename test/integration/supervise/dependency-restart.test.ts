/**
 * Acceptance 2: when the engine's restart policy brings a dependency back
 * (its process ended inside the container), the supervisor restarts the
 * dependents whose depends_on says `restart: true`; others are untouched.
 */
import { describe, expect, it } from "vitest";
import { execInContainer, inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";
import { consistently } from "../up/consistently.js";
import { startAttachedUp } from "./attached-up.js";

describe("tsd up (attached): dependents follow a dependency's restart", () => {
  it("an engine restart of db must restart app (restart: true) after it, and leave worker running as it was", async () => {
    const fixture = useFixture("supervise-dependents");
    const name = (service: string) => `${fixture.projectName}-${service}-1`;
    const up = startAttachedUp(fixture);
    try {
      await up.waitFor("supervising: following the engine's events");
      const before = {
        db: await inspectContainer(name("db")),
        app: await inspectContainer(name("app")),
        worker: await inspectContainer(name("worker")),
      };
      // The shell traps TERM and exits 0; `restart: always` starts it again (die, start: no restart event).
      // The exec's own status is not checked: the container stopping can end the exec session first (137).
      await execInContainer(name("db"), ["kill", "1"]);

      const db = await eventually(async () => {
        const info = await inspectContainer(name("db"));
        expect(info.RestartCount).toBe(before.db.RestartCount + 1);
        expect(info.State.Running).toBe(true);
        return info;
      });
      const app = await eventually(async () => {
        const info = await inspectContainer(name("app"));
        expect(info.State.StartedAt).not.toBe(before.app.State.StartedAt);
        return info;
      });
      expect(app.Id).toBe(before.app.Id);
      expect(app.State.Running).toBe(true);
      expect(Date.parse(app.State.StartedAt)).toBeGreaterThan(Date.parse(db.State.StartedAt));
      await consistently(async () => {
        const worker = await inspectContainer(name("worker"));
        expect(worker.State.StartedAt).toBe(before.worker.State.StartedAt);
        expect(worker.State.Running).toBe(true);
      }, 2000);
      expect(up.stderr()).toContain("its dependency db restarted");
    } finally {
      const { status, stderr } = await up.interrupt();
      expect(status, stderr).toBe(0);
    }
  }, 90_000);
});
