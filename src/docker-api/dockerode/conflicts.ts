/**
 * The two conflicts users meet on `up`, reworded from the engine's text into
 * what is in the way and how to clear it:
 *
 * - create, 409: `Conflict. The container name "/x-web-1" is already in use
 *   by container "3f2a…". You have to remove (or rename) that container…`
 * - start, 500: `driver failed programming external connectivity on endpoint
 *   x-web-1 (…): Error starting userland proxy: listen tcp4 127.0.0.1:8080:
 *   bind: address already in use` (a host process holds the port), or
 *   `… Bind for 0.0.0.0:8080 failed: port is already allocated` (another
 *   container does). Both read on Docker 20.10.
 *
 * - create, 400: `No command specified` (the image has no CMD or
 *   ENTRYPOINT and the spec sets none): said as what to write instead.
 *
 * Anything else is left as it is (undefined), for toEngineError.
 */
import type Docker from "dockerode";
import { EngineError } from "../../base/errors.js";
import { COMPOSE_LABEL_PROJECT, LABEL_PROJECT, LABEL_PROJECT_DIR } from "../../base/labels.js";
import { engineMessage, engineStatusCode } from "./engine-errors.js";

const NAME_IN_USE = /container name "([^"]+)" is already in use by container "([0-9a-f]+)"/;
const PORT_IN_USE = [/Bind for (\S+) failed: port is already allocated/, /listen tcp[46]? (\S+): bind: address already in use/];

/** A create refused because the name is taken: who holds it, and how to free it. */
export async function nameConflict(docker: Docker, error: unknown): Promise<EngineError | undefined> {
  if (engineStatusCode(error) !== 409) return undefined;
  const match = NAME_IN_USE.exec(engineMessage(error));
  if (!match) return undefined;
  const [, name, fullId] = match as unknown as [string, string, string];
  const id = fullId.slice(0, 12);
  const labels = await docker
    .getContainer(fullId)
    .inspect()
    .then((info) => info.Config.Labels ?? {}, () => ({}) as Record<string, string>);
  const tsdProject = labels[LABEL_PROJECT];
  if (tsdProject !== undefined) {
    const folder = labels[LABEL_PROJECT_DIR];
    return new EngineError(
      `container name "${name}" is already used by container ${id} of tsd project "${tsdProject}"${folder ? ` (${folder})` : ""}`,
      `take that project down (tsd down in its folder), or set container_name to another name`,
    );
  }
  const composeProject = labels[COMPOSE_LABEL_PROJECT];
  const owner = composeProject === undefined ? "" : ` (it belongs to Compose project "${composeProject}")`;
  return new EngineError(
    `container name "${name}" is already used by container ${id}, which tsd did not create${owner}`,
    `remove or rename it (docker rm ${id}, docker rename ${id} NEW-NAME), or set container_name to another name`,
  );
}

/** A start refused because a published host port is taken. */
export function portConflict(error: unknown): EngineError | undefined {
  const message = engineMessage(error);
  for (const pattern of PORT_IN_USE) {
    const address = pattern.exec(message)?.[1];
    if (address === undefined) continue;
    const port = address.slice(address.lastIndexOf(":") + 1);
    return new EngineError(
      `host port ${address} is already in use (the engine said: ${message})`,
      `stop what holds it (\`ss -ltnp 'sport = :${port}'\` or \`docker ps --filter publish=${port}\` shows it), or publish another host port`,
    );
  }
  return undefined;
}

/** A create refused because neither the image nor the spec gives a command. */
export function missingCommand(error: unknown, image: string): EngineError | undefined {
  if (!/No command specified/i.test(engineMessage(error))) return undefined;
  return new EngineError(
    `image "${image}" has no CMD or ENTRYPOINT, and the stack sets no command for it`,
    "set `command:` (or `entrypoint:`) for it in the stack file",
  );
}
