/** `tsd port SERVICE PRIVATE_PORT`: prints the host address the port is published on. */
import { type PortProtocol, parsePrivatePort, servicePort } from "../../targets/docker/verbs/published-port.js";
import { openStack } from "../../app/session.js";
import type { StackOptions } from "../stack-options.js";
import { verbContext } from "../verb-context.js";
import { parseIndex } from "../flags/index-flag.js";

/** Flags of `tsd port`. */
export interface PortFlags extends StackOptions {
  readonly protocol: PortProtocol;
  readonly index?: string;
}

/** Runs `tsd port`. */
export async function runPort(service: string, privatePort: string, flags: PortFlags): Promise<void> {
  const port = parsePrivatePort(privatePort);
  const index = parseIndex(flags.index) ?? 1;
  const { project, engine } = await openStack(await verbContext(flags), [service]);
  process.stdout.write(`${await servicePort(engine, project, service, port, flags.protocol, index)}\n`);
}
