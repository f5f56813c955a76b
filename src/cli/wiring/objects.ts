/**
 * CLI wiring of the verbs on the engine's objects: attach, diff, version,
 * the image store (tag, rmi, save, load, import), the registry (search,
 * login, logout), the stack's volumes and networks. Each imports its code
 * only when it runs.
 */
import type { Command } from "commander";
import { collect, formatOption, lazyAction, withStackOptions } from "./options.js";

/** Registers the object verbs. */
export function registerObjectVerbs(program: Command): void {
  registerContainerObjectVerbs(program);
  registerImageStoreVerbs(program);
  registerRegistryVerbs(program);
  registerResourceVerbs(program);
}

function registerContainerObjectVerbs(program: Command): void {
  withStackOptions(program.command("attach"))
    .description("attach your terminal to a service container's main process; detach with the detach keys (the process keeps running)")
    .argument("<service>", "service to attach to")
    .option("--index <n>", "replica of the service to attach to (from 1)", "1")
    .option("--no-stdin", "do not relay your input to the process")
    .option("--detach-keys <keys>", "key sequence that detaches, e.g. ctrl-a,ctrl-d or ctrl-\\", "ctrl-p,ctrl-q")
    .action(lazyAction(async () => (await import("../commands/attach.js")).runAttach));

  withStackOptions(program.command("diff"))
    .description("list the changes to a service container's filesystem: A added, C changed, D deleted")
    .argument("<service>", "service whose container to compare with its image")
    .option("--index <n>", "replica of the service (from 1)", "1")
    .addOption(formatOption(["text", "json"]))
    .action(lazyAction(async () => (await import("../commands/attach.js")).runDiff));

  program
    .command("version")
    .description("print tsd's version and the engine's (version, API version, OS/arch)")
    .addOption(formatOption(["text", "json"]))
    .action(lazyAction(async () => (await import("../commands/version.js")).runVersion));
}

function registerImageStoreVerbs(program: Command): void {
  withStackOptions(program.command("tag"))
    .description("give a service's image another name, e.g. for a push to another registry")
    .argument("<service>", "service whose image to tag")
    .argument("<target>", "the new name, IMAGE[:TAG] (default tag: latest)")
    .action(lazyAction(async () => (await import("../commands/image-store.js")).runTag));

  withStackOptions(program.command("rmi"), "--file only")
    .description("remove the services' images; refuses an image a container was created from, unless -f")
    .argument("[services...]", "only these services' images (default: every image of the stack)")
    .option("-f, --force", "remove even images containers use")
    .addOption(formatOption(["text", "json"]))
    .action(lazyAction(async () => (await import("../commands/image-store.js")).runRmi));

  withStackOptions(program.command("save"))
    .description("write every image the services need, with all their layers and tags, to one archive (for `tsd load` elsewhere)")
    .argument("[services...]", "only these services' images (default: every image of the stack)")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(lazyAction(async () => (await import("../commands/image-store.js")).runSave));

  program
    .command("load")
    .description("load the images of an archive written by `tsd save` or `docker save`")
    .option("-i, --input <file>", "read from this file instead of stdin")
    .option("-q, --quiet", "print nothing on success")
    .addOption(formatOption(["text", "json"]))
    .action(lazyAction(async () => (await import("../commands/image-store.js")).runLoad));

  program
    .command("import")
    .description("make an image from a filesystem archive, e.g. one written by `tsd export`; prints the image ID")
    .argument("<file>", "the tar archive, or - for stdin")
    .argument("<image>", "name of the new image, IMAGE[:TAG] (default tag: latest)")
    .option("-c, --change <instruction>", "apply a Dockerfile instruction to the image, e.g. 'CMD [\"sh\"]' (repeatable)", collect, [])
    .option("-m, --message <text>", "commit message of the image")
    .action(lazyAction(async () => (await import("../commands/image-store.js")).runImport));
}

function registerRegistryVerbs(program: Command): void {
  program
    .command("search")
    .description("search a registry for images (Docker Hub, or the registry the term starts with: 127.0.0.1:5000/app)")
    .argument("<term>", "what to search for")
    .option("--limit <n>", "at most this many results")
    .option("--filter <key=value>", "only results matching: stars=N, is-official=true, is-automated=true (repeatable)", collect, [])
    .option("--no-trunc", "do not shorten descriptions")
    .addOption(formatOption(["table", "json"]))
    .action(lazyAction(async () => (await import("../commands/registry.js")).runSearch));

  program
    .command("login")
    .description("log in to a registry (default Docker Hub), storing the credentials where `docker login` does")
    .argument("[registry]", "registry host, e.g. 127.0.0.1:5000")
    .option("-u, --username <user>", "user name (asked for when not given)")
    .option("--password-stdin", "read the password from stdin (it is never echoed or printed)")
    .action(lazyAction(async () => (await import("../commands/registry.js")).runLogin));

  program
    .command("logout")
    .description("remove the stored credentials of a registry (default Docker Hub)")
    .argument("[registry]", "registry host, e.g. 127.0.0.1:5000")
    .action(lazyAction(async () => (await import("../commands/registry.js")).runLogout));
}

function registerResourceVerbs(program: Command): void {
  for (const kind of ["volumes", "networks"] as const) {
    const what = kind === "volumes" ? "volume" : "network";
    const list = withStackOptions(program.command(kind))
      .description(kind === "volumes" ? "list the stack's volumes: driver, mountpoint, size, the services mounting each" : "list the stack's networks: driver, internal, the services joining each")
      .argument("[services...]", `only ${kind} these services use`)
      .option("-q, --quiet", "only names")
      .addOption(formatOption(["table", "json"]))
      .action(lazyAction(async () => (await import("../commands/resources.js")).listAction(kind)));
    withStackOptions(list.command("inspect"))
      .description(`print the stack's ${kind} as the engine describes them (JSON), with the services using each`)
      .argument(`[${kind}...]`, `stack keys or engine names (default: every ${what} of the stack)`)
      .action(lazyAction(async () => (await import("../commands/resources.js")).inspectAction(kind)));
  }
}
