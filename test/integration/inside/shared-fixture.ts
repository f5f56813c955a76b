/**
 * One fixture project per test file: copied (and brought up, if asked)
 * before the file's tests, taken down with its volumes and removed after.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { copyFixture, type Fixture } from "../support/fixture.js";

/** The stack file every inside fixture keeps its services in. */
export const STACK = ["-f", "stack.yml"] as const;

/** Registers the hooks; the returned function gives the fixture once `beforeAll` ran. */
export function fixtureForFile(name: string, options: { readonly up: boolean }): () => Fixture {
  let fixture: Fixture | undefined;
  beforeAll(async () => {
    fixture = copyFixture(name);
    if (!options.up) return;
    const up = await fixture.run(["up", "-d", ...STACK]);
    expect(up.status, up.stderr).toBe(0);
  });
  afterAll(async () => {
    if (!fixture) return;
    await fixture.run(["down", "-v", ...STACK]);
    await fixture.cleanup();
  });
  return () => {
    if (!fixture) throw new Error(`fixture ${name} is used before beforeAll ran`);
    return fixture;
  };
}
