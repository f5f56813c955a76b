/**
 * Runs the built CLI with bytes on its stdin (the shared runner gives tsd
 * no stdin at all): `echo hi | tsd exec -T web cat`.
 */
import type { Fixture } from "../support/fixture.js";
import { runTsdWith } from "../support/tsd-process.js";
import type { TsdResult } from "../support/tsd-cli.js";

/** `tsd ...args` in the fixture's folder, as its project, with `input` piped to stdin and then closed. */
export function runTsdWithInput(fixture: Fixture, args: readonly string[], input: string, timeoutMs = 60_000): Promise<TsdResult> {
  return runTsdWith(args, fixture.dir, input, fixture.env, timeoutMs);
}
