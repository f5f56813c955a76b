/**
 * CLI wiring of the images verbs: build, pull, push.
 */
import type { Command } from "commander";

/** Registers the images verbs. */
export function registerImageVerbs(_program: Command): void {}
