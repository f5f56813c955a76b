/**
 * CLI wiring of the monitoring verbs: logs, top, stats, events, port, images,
 * inspect. Each imports its module only when it runs (src/cli/verbs/monitoring/).
 */
import { type Command, Option } from "commander";
import { formatOption, lazyAction, withStackOptions, withTargetOptions } from "./options.js";


const indexOption = (what: string) => new Option("--index <n>", `${what} (replica number, from 1)`);

/** Registers the monitoring verbs. */
export function registerMonitoringVerbs(program: Command): void {
  withTargetOptions(withStackOptions(program.command("logs"), "--file only"))
    .description("show the output of the services' containers (stdout to stdout, stderr to stderr)")
    .argument("[services...]", "only these services")
    .option("-f, --follow", "keep following new output until the containers stop or Ctrl-C")
    .option("-n, --tail <lines>", 'lines from the end of each container\'s output, or "all"', "all")
    .option("--since <time>", "only output since a time (RFC 3339, Unix seconds) or a duration ago (10m, 1h30m)")
    .option("--until <time>", "only output before a time (RFC 3339, Unix seconds) or a duration ago (10m, 1h30m)")
    .option("-t, --timestamps", "show the engine's timestamp of each line")
    .option("--no-color", "never colour the prefixes")
    .option("--no-log-prefix", "print lines without the container name prefix")
    .addOption(indexOption("only this replica of each service"))
    .action(lazyAction(async () => (await import("../commands/logs.js")).runLogs));

  withStackOptions(program.command("top"))
    .description("show the processes running in the services' containers")
    .argument("[services...]", "only these services")
    .addOption(formatOption(["table", "json"]))
    .action(lazyAction(async () => (await import("../commands/top.js")).runTop));

  withStackOptions(program.command("stats"))
    .description("show CPU, memory, network and block I/O use of the running containers, as docker stats does")
    .argument("[services...]", "only these services")
    .option("--no-stream", "print one sample and exit instead of refreshing until Ctrl-C")
    .addOption(formatOption(["table", "json"]))
    .action(lazyAction(async () => (await import("../commands/stats.js")).runStats));

  withStackOptions(program.command("events"))
    .description("print the engine's events for the project's containers as they happen, until Ctrl-C")
    .argument("[services...]", "only these services")
    .option("--json", "one JSON object per line: time, type, action, id, service, attributes")
    .action(lazyAction(async () => (await import("../commands/events.js")).runEvents));

  withStackOptions(program.command("port"))
    .description("print the host address a container port is published on")
    .argument("<service>", "the service")
    .argument("<private_port>", "the container port")
    .addOption(new Option("--protocol <protocol>", "the port's protocol").choices(["tcp", "udp", "sctp"]).default("tcp"))
    .addOption(indexOption("which replica"))
    .action(lazyAction(async () => (await import("../commands/port.js")).runPort));

  withStackOptions(program.command("images"))
    .description("list the images the project's containers use")
    .argument("[services...]", "only these services")
    .option("-q, --quiet", "only image IDs")
    .addOption(formatOption(["table", "json"]))
    .action(lazyAction(async () => (await import("../commands/images.js")).runImages));

  withStackOptions(program.command("inspect"))
    .description("show a service as tsd sees it: containers, state, health log, ports, networks, mounts, spec")
    .argument("<service>", "the service")
    .addOption(indexOption("only this replica"))
    .addOption(formatOption(["text", "json"]))
    .action(lazyAction(async () => (await import("../commands/inspect.js")).runInspect));
}
