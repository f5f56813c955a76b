/**
 * CLI wiring of the lifecycle verbs: create, start, stop, restart, kill, pause, unpause, rm, wait, update.
 * Each imports its implementation only when it runs.
 */
import type { Command } from "commander";
import { lazyAction, withStackOptions } from "./options.js";
import { progressOption, withUpOptions } from "./engine.js";
import type { LifecycleFlags } from "../commands/lifecycle.js";

/** The function of ./lifecycle/run.js that runs a verb. */
type Runner = "runStart" | "runStop" | "runRestart" | "runKill" | "runPause" | "runUnpause" | "runRemove" | "runWait";

/** One verb acting on existing containers. */
interface LifecycleVerb {
  readonly name: string;
  readonly description: string;
  readonly runner: Runner;
  /** Its own flags, after the stack flags. */
  readonly flags?: (command: Command) => Command;
  /** `rm -f` is --force: the stack file is then `--file` only. */
  readonly ownsShortF?: true;
  /** `wait` needs services; the others default to all. */
  readonly servicesRequired?: true;
}

const withTimeout = (command: Command) =>
  command.option("-t, --timeout <seconds>", "seconds to wait for a container to stop before killing it (default: its stop_grace_period, else 10)");

const VERBS: readonly LifecycleVerb[] = [
  { name: "start", runner: "runStart", description: "start existing stopped containers, dependencies first" },
  { name: "stop", runner: "runStop", description: "stop running containers without removing them, dependents first", flags: withTimeout },
  { name: "restart", runner: "runRestart", description: "restart containers, then the services whose depends_on says restart: true", flags: withTimeout },
  {
    name: "kill",
    runner: "runKill",
    description: "send a signal to the main process of running containers, dependents first",
    flags: (command) => command.option("-s, --signal <signal>", "signal to send (name such as SIGUSR1, or number)", "SIGKILL"),
  },
  { name: "pause", runner: "runPause", description: "freeze every process of running containers" },
  { name: "unpause", runner: "runUnpause", description: "resume paused containers" },
  {
    name: "rm",
    runner: "runRemove",
    description: "remove stopped service containers",
    ownsShortF: true,
    flags: (command) =>
      command
        .option("-f, --force", "do not ask for confirmation")
        .option("-s, --stop", "stop running containers first")
        .option("-v, --volumes", "also remove the containers' anonymous volumes"),
  },
  { name: "wait", runner: "runWait", description: "block until the services' containers stop; exit with the code of the first to stop", servicesRequired: true },
];

/** Registers the lifecycle verbs. */
export function registerLifecycleVerbs(program: Command): void {
  withUpOptions(program.command("create"))
    .description("create the stack's containers, networks and volumes without starting them")
    .argument("[services...]", "only these services (and what they depend on)")
    .addOption(progressOption())
    .action(lazyAction(async () => (await import("../commands/up.js")).createAction));

  for (const verb of VERBS) {
    const command = withStackOptions(program.command(verb.name), verb.ownsShortF ? "--file only" : "-f")
      .description(verb.description)
      .argument(verb.servicesRequired ? "<services...>" : "[services...]", verb.servicesRequired ? "services to wait for" : "only these services (default: all)");
    (verb.flags?.(command) ?? command).action(lazyAction(async () => (await import("../commands/lifecycle.js"))[verb.runner] as (services: string[], flags: LifecycleFlags) => Promise<void>));
  }
  registerUpdate(program);
}

/** `tsd update`: restart policy and limits of running containers, changed once in place. */
function registerUpdate(program: Command): void {
  withStackOptions(program.command("update"), "-f")
    .description("change restart policy and limits of the services' containers in place, once (the next up restores the file's values)")
    .argument("[services...]", "only these services (default: all)")
    .option("--restart <policy>", "restart policy: no, always, on-failure[:N], unless-stopped")
    .option("-m, --memory <bytes>", "memory limit (e.g. 256m)")
    .option("--memory-swap <bytes>", "memory + swap limit (-1: unlimited swap; default: twice --memory)")
    .option("--memory-reservation <bytes>", "memory soft limit")
    .option("--cpus <number>", "number of CPUs (e.g. 0.5)")
    .option("--cpu-shares <number>", "relative CPU weight")
    .option("--cpuset-cpus <cpus>", "CPUs allowed (e.g. 0-1)")
    .option("--pids-limit <number>", "process limit (-1: unlimited)")
    .action(lazyAction(async () => (await import("../commands/update.js")).runUpdate));
}
