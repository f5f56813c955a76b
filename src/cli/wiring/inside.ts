/**
 * CLI wiring of the inside verbs: exec, run, cp, export, commit. Each
 * imports its implementation only when it runs.
 *
 * `exec` and `run` stop reading tsd's flags at the service: everything
 * after it is the command (`tsd exec web ls -la` runs `ls -la`).
 */
import type { Command } from "commander";
import { collect, lazyAction, withStackOptions } from "./options.js";

function withIndex(command: Command, what: string): Command {
  return command.option("--index <n>", `replica of the service to ${what} (from 1)`, "1");
}

/** The flags exec and run share, as Compose spells them. */
function withProcessOptions(command: Command): Command {
  return command
    .option("-d, --detach", "run in the background and return at once")
    .option("-T, --no-TTY", "no pseudo-TTY, even when tsd runs in a terminal (output stays split into stdout and stderr)")
    .option("-e, --env <KEY=VALUE>", "set an environment variable; KEY alone passes tsd's own value (repeatable)", collect, [])
    .option("-u, --user <user>", "run as this user (name or uid[:gid])")
    .option("-w, --workdir <dir>", "working directory inside the container");
}

/** Registers the inside verbs. */
export function registerInsideVerbs(program: Command): void {
  withIndex(withProcessOptions(withStackOptions(program.command("exec"))), "run in")
    .description("run a command in a service's running container; exits with the command's exit code")
    .argument("<service>", "service whose container runs the command")
    .argument("<command...>", "the command and its arguments")
    .option("--privileged", "give the command extended privileges")
    .passThroughOptions()
    .action(lazyAction(async () => (await import("../commands/exec.js")).runExec));

  withProcessOptions(withStackOptions(program.command("run"), "-f", "--project-name only"))
    .description("run a one-off container of a service (its dependencies started first); exits with its exit code")
    .argument("<service>", "service to run a one-off container of")
    .argument("[command...]", "command and arguments instead of the service's command")
    .option("--rm", "remove the container when it exits")
    .option("--no-deps", "do not start the services it depends on")
    .option("-v, --volume <[source:]target[:options]>", "mount a volume or host path (repeatable)", collect, [])
    .option("-p, --publish <[host:]container>", "publish a container port (repeatable; the service's ports are not published)", collect, [])
    .option("-P, --service-ports", "publish the service's own ports")
    .option("--use-aliases", "answer to the service's network aliases (by default only the service's containers do)")
    .option("--entrypoint <command>", "override the image's entrypoint (split like a shell would; \"\" clears it)")
    .option("--name <name>", "container name (default: <project>-<service>-run-<id>)")
    .passThroughOptions()
    .action(lazyAction(async () => (await import("../commands/run.js")).runRun));

  withIndex(withStackOptions(program.command("cp")), "copy from or to")
    .description("copy files between a service's container and the host: tsd cp SERVICE:SRC DEST, or tsd cp SRC SERVICE:DEST")
    .argument("<source>", "SERVICE:PATH in the container, or a host path")
    .argument("<destination>", "a host path, or SERVICE:PATH in the container")
    .option("-a, --archive", "keep the files' uid and gid (else files copied in belong to root)")
    .option("-L, --follow-link", "copy what a symbolic link at the source points to")
    .option("-q, --quiet", "print nothing on success")
    .action(lazyAction(async () => (await import("../commands/files.js")).runCopy));

  withIndex(withStackOptions(program.command("export")), "export")
    .description("write a service container's filesystem as a tar archive (to stdout, or -o FILE)")
    .argument("<service>", "service whose container to export")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(lazyAction(async () => (await import("../commands/files.js")).runExport));

  withIndex(withStackOptions(program.command("commit")), "commit")
    .description("create an image from a service container's changes; prints the image ID")
    .argument("<service>", "service whose container to commit")
    .argument("<image>", "name of the new image, IMAGE[:TAG] (default tag: latest)")
    .option("-m, --message <text>", "commit message")
    .option("-a, --author <name>", "author, e.g. \"Jane Doe <jane@example.com>\"")
    .option("-c, --change <instruction>", "apply a Dockerfile instruction to the image, e.g. 'CMD [\"sh\"]' (repeatable)", collect, [])
    .option("--no-pause", "do not pause the container while committing")
    .action(lazyAction(async () => (await import("../commands/files.js")).runCommit));
}
