/**
 * A fixture shared by every test of a file (their steps build on each
 * other), taken down with `tsd down -v` and removed after the last one.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { copyFixture, type Fixture } from "../support/fixture.js";

/**
 * Registers the file's hooks; call the returned function inside a test.
 * `"up"`: the stack is brought up (`up -d`) before the first test.
 */
export function fileFixture(name: string, initially: "up" | "nothing" = "nothing"): () => Fixture {
  let fixture: Fixture | undefined;
  beforeAll(async () => {
    fixture = copyFixture(name);
    if (initially === "nothing") return;
    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);
  });
  afterAll(async () => {
    if (!fixture) return;
    await fixture.run(["down", "-v", "-f", "stack.yml"]);
    await fixture.cleanup();
  });
  return () => {
    if (!fixture) throw new Error(`fixture ${name} used outside a test`);
    return fixture;
  };
}
