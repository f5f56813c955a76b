/**
 * CLI wiring of the monitoring verbs: logs, top, stats, events, port, images, inspect.
 */
import type { Command } from "commander";

/** Registers the monitoring verbs. */
export function registerMonitoringVerbs(_program: Command): void {}
