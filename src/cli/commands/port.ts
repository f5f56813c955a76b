/** `tsd port SERVICE PRIVATE_PORT`: prints the host address the port is published on. */
import { containerVerbs, type PortProtocol, parsePrivatePort } from "../../app/containers.js";
import { parseIndex } from "../flags/index-flag.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd port`. */
export interface PortFlags extends StackOptions {
  readonly protocol: PortProtocol;
  readonly index?: string;
}

/** Runs `tsd port`. */
export async function runPort(service: string, privatePort: string, flags: PortFlags): Promise<void> {
  const port = parsePrivatePort(privatePort);
  const index = parseIndex(flags.index) ?? 1;
  const session = await openSession(flags, [service]);
  process.stdout.write(`${await (await containerVerbs(session, "port")).port(session.project, service, port, flags.protocol, index)}\n`);
}
