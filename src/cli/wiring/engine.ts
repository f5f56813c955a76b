/**
 * Wiring of the commands that talk to the engine: up, plan, down, ps, ls.
 * Each imports its module only when it runs.
 */
import { type Command, Option } from "commander";
import { collect, formatOption, lazyAction, withStackOptions, withTargetOptions } from "./options.js";

/** `--progress`, shared with `create`. */
export function progressOption(): Option {
  return new Option("--progress <mode>", "progress display").choices(["auto", "tty", "plain", "json", "quiet"]).default("auto");
}

/** Adds `up`'s planning flags (shared with `plan` and `create`). */
export function withUpOptions(command: Command): Command {
  return withTargetOptions(withStackOptions(command))
    .option("--build", "build images before starting containers")
    .option("--no-build", "never build images, even when missing")
    .option("--force-recreate", "recreate containers even if their configuration has not changed")
    .option("--no-recreate", "never recreate existing containers")
    .option("--remove-orphans", "remove containers of services no longer in the stack")
    .option("-V, --renew-anon-volumes", "recreate anonymous volumes instead of keeping their data")
    .option("--scale <service=n>", "run N containers of a service (repeatable)", collect, [])
    .option("--timings", "print the critical chain: the longest dependency path, each step with its duration (plan: estimated from the last up)");
}

/** Registers the engine commands on `program`. */
export function registerEngineCommands(program: Command): void {
  withUpOptions(program.command("up"))
    .description("create and start the stack's containers, changing only what differs")
    .argument("[services...]", "only these services (and what they depend on)")
    .option("-d, --detach", "return once the stack is up instead of following its logs")
    .option("--wait", "wait until services are running and healthy (implies -d)")
    .option("--wait-timeout <seconds>", "how long to wait for depends_on conditions and --wait", "300")
    .option("--abort-on-container-exit", "attached: stop every container once one exits")
    .option("--exit-code-from <service>", "attached: exit with this service's exit code (implies --abort-on-container-exit)")
    .option("--dry-run", "print the plan and change nothing")
    .option("--no-start", "create what is missing or changed, start nothing (as `tsd create`)")
    .option("-w, --watch", "once up, watch the stack's files and develop.watch paths and apply each edit (as `tsd watch`)")
    .option("--ui", "once up, also serve the live dashboard (as `tsd ui`, read-only) until Ctrl-C")
    .addOption(progressOption())
    .action(lazyAction(async () => (await import("../commands/up.js")).upAction));

  withUpOptions(program.command("plan"))
    .description("print what `tsd up` would do, and why; change nothing")
    .argument("[services...]", "only these services (and what they depend on)")
    .addOption(formatOption(["text", "json"]))
    .action(lazyAction(async () => (await import("../commands/up.js")).planAction));

  withTargetOptions(withStackOptions(program.command("down")))
    .description("stop and remove the stack's containers and networks (volumes and data containers only with -v)")
    .option("-v, --volumes", "also remove named volumes, anonymous volumes and data containers")
    .option("--rmi <which>", "also remove images: local (built by tsd) or all")
    .option("--remove-orphans", "also remove containers of services no longer in the stack")
    .option("-t, --timeout <seconds>", "seconds to wait for containers to stop before killing them")
    .addOption(progressOption())
    .action(lazyAction(async () => (await import("../commands/down.js")).runDown));

  withTargetOptions(withStackOptions(program.command("ps")))
    .description("list the stack's containers")
    .argument("[services...]", "only these services")
    .option("-a, --all", "include stopped containers")
    .option("-q, --quiet", "only container IDs")
    .addOption(formatOption(["table", "json"]))
    .action(lazyAction(async () => (await import("../commands/ps.js")).runPs));

  program
    .command("ls")
    .description("list tsd projects on this engine, with their folders")
    .addOption(formatOption(["table", "json"]))
    .action(lazyAction(async () => (await import("../commands/ps.js")).runLs));
}
