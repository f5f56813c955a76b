/**
 * CLI wiring of `tsd ui`: the live dashboard. Its server (src/ui/) is
 * imported only when it runs, so no other verb's start-up pays for it.
 */
import { type Command, Option } from "commander";
import { lazyAction, withStackOptions } from "./options.js";

/** Registers `ui` on `program`. */
export function registerUiVerbs(program: Command): void {
  withStackOptions(program.command("ui"))
    .description("serve a live dashboard of the stack (graph, services, logs, events, plan, layers, audit) on loopback, until Ctrl-C")
    .addOption(new Option("--port <port>", "port to listen on (0: any free port)").default("0"))
    .addOption(new Option("--host <host>", "address to listen on; anything but loopback also needs --allow-remote").default("127.0.0.1"))
    .option("--allow-remote", "allow a --host that is not loopback (anyone who can reach it and has the token can see the stack)")
    .option("--allow-actions", "offer restart, stop, start and up in the page (off: the dashboard only reads)")
    .option("--no-open", "do not open a browser")
    .action(lazyAction(async () => (await import("../commands/ui.js")).runUi));
}
