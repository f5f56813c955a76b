/**
 * A registry's refusal, reworded for the user: whether credentials were sent
 * decides between "log in first" and "those credentials are wrong", and the
 * hint says where tsd looked for them (as `docker login` stores them).
 */
import { RegistryAuthError } from "../../../docker-api/operations/images.js";
import { EngineError } from "../../../base/errors.js";
import type { FoundCredentials } from "../../../docker-api/credentials.js";
import { loginCommand, parseImageReference } from "../../../base/image-reference.js";

/** The registry calls whose refusals this words. */
export type RegistryTransfer = "push" | "pull";

/** `error` reworded when it is a registry's refusal; any other error as it is. */
export function explainRegistryFailure(error: unknown, transfer: RegistryTransfer, reference: string, credentials: FoundCredentials): unknown {
  if (!(error instanceof RegistryAuthError)) return error;
  const { registry } = parseImageReference(reference);
  const login = loginCommand(registry);
  const engineSaid = `the engine said: ${error.engineMessage}`;
  if (!error.credentialsSent) {
    return new EngineError(
      `${transfer} ${reference}: authentication required: log in with \`${login}\``,
      `no credentials for ${registry} in ${credentials.configFile} (${engineSaid})`,
    );
  }
  const from = `the credentials for ${registry} come from ${credentials.source ?? "the Docker config"} in ${credentials.configFile}`;
  // "denied" with credentials the registry accepted: that user may not touch this repository.
  if (/denied/i.test(error.engineMessage) && !/unauthorized|authentication required/i.test(error.engineMessage)) {
    return new EngineError(`${transfer} ${reference}: access denied: the registry refuses this user access to ${parseImageReference(reference).name}`, `${from} (${engineSaid})`);
  }
  return new EngineError(`${transfer} ${reference}: unauthorized: wrong user name or password`, `${from}; log in again with \`${login}\` (${engineSaid})`);
}
