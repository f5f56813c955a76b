/**
 * CLI wiring of the inside verbs: exec, run, cp, export, commit.
 */
import type { Command } from "commander";

/** Registers the inside verbs. */
export function registerInsideVerbs(_program: Command): void {}
