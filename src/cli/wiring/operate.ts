/**
 * Wiring of the verbs that operate a running stack, one file per area in
 * src/cli/verbs/. Like every command, each imports its code only when it runs.
 */
import type { Command } from "commander";
import { registerImageVerbs } from "./images.js";
import { registerInitVerbs } from "./init.js";
import { registerInsideVerbs } from "./inside.js";
import { registerLifecycleVerbs } from "./lifecycle.js";
import { registerMonitoringVerbs } from "./monitoring.js";
import { registerWatchVerbs } from "./watch.js";

/** Registers the operate verbs on `program`. */
export function registerOperateCommands(program: Command): void {
  registerLifecycleVerbs(program);
  registerMonitoringVerbs(program);
  registerInsideVerbs(program);
  registerImageVerbs(program);
  registerWatchVerbs(program);
  registerInitVerbs(program);
}
