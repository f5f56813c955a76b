/**
 * Wiring of the verbs that operate a running stack, one file per area in
 * src/cli/verbs/. Like every command, each imports its code only when it runs.
 */
import type { Command } from "commander";
import { registerImageVerbs } from "./verbs/images.js";
import { registerInitVerbs } from "./verbs/init.js";
import { registerInsideVerbs } from "./verbs/inside.js";
import { registerLifecycleVerbs } from "./verbs/lifecycle.js";
import { registerMonitoringVerbs } from "./verbs/monitoring.js";
import { registerWatchVerbs } from "./verbs/watch.js";

/** Registers the operate verbs on `program`. */
export function registerOperateCommands(program: Command): void {
  registerLifecycleVerbs(program);
  registerMonitoringVerbs(program);
  registerInsideVerbs(program);
  registerImageVerbs(program);
  registerWatchVerbs(program);
  registerInitVerbs(program);
}
