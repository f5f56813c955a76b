/**
 * CLI wiring of the lifecycle verbs: create, start, stop, restart, kill, pause, unpause, rm, wait.
 */
import type { Command } from "commander";

/** Registers the lifecycle verbs. */
export function registerLifecycleVerbs(_program: Command): void {}
