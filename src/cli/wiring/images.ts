/**
 * CLI wiring of the images verbs: build, pull, push, history. Each imports its code
 * only when it runs.
 */
import type { Command } from "commander";
import { collect, formatOption, lazyAction, withStackOptions } from "./options.js";

/** Registers the images verbs. */
export function registerImageVerbs(program: Command): void {
  withStackOptions(program.command("build"))
    .description("build the images of services that have a build section, tagged as `up` tags them")
    .argument("[services...]", "only these services (default: all)")
    .option("--no-cache", "do not use the build cache")
    .option("--pull", "always try to pull a newer version of the base images")
    .option("--build-arg <key=value>", "set a build argument for every service (repeatable; KEY alone takes its value from the environment)", collect, [])
    .option("-q, --quiet", "print no build output, only errors")
    .action(lazyAction(async () => (await import("../commands/build-pull-push.js")).runBuild));

  registryTransfer(program, "pull", "pull the images of the stack's services, with the credentials of `docker login`")
    .option("--include-deps", "also pull the images of the services the named ones depend on")
    .action(lazyAction(async () => (await import("../commands/build-pull-push.js")).runPull));

  registryTransfer(program, "push", "push the images of services with both build and image to their registries, with the credentials of `docker login`")
    .action(lazyAction(async () => (await import("../commands/build-pull-push.js")).runPush));

  withStackOptions(program.command("history"))
    .description("show the steps and layer sizes of the image a service runs (or of an image), newest first")
    .argument("<service|image>", "a service or data container of the stack, or an image reference")
    .addOption(formatOption(["table", "json"]))
    .option("--no-trunc", "do not shorten IDs and steps")
    .option("-q, --quiet", "only the IDs")
    .action(lazyAction(async () => (await import("../commands/history.js")).runHistory));
}

/** `pull` and `push` share their shape: services, `--ignore-<verb>-failures`, `-q`. */
function registryTransfer(program: Command, verb: "pull" | "push", description: string): Command {
  return withStackOptions(program.command(verb))
    .description(description)
    .argument("[services...]", "only these services (default: all)")
    .option(`--ignore-${verb}-failures`, `warn about images that fail to ${verb} and go on`)
    .option("-q, --quiet", "print no progress, only warnings and errors");
}
