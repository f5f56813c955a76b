/**
 * Engine operations of the image verbs beyond the reconciler's inspect, pull,
 * build and remove: `tsd push`, and the registry credentials a push or a
 * pull carries.
 */
import { EngineError } from "../../base/errors.js";
import type { ProgressLine } from "../types.js";

/**
 * Credentials for one registry, as the engine takes them (its
 * `X-Registry-Auth` header): a user name and password, or the identity token
 * a credential helper hands out instead (user name `<token>`).
 */
export type RegistryAuth =
  | { readonly kind: "password"; readonly serverAddress: string; readonly username: string; readonly password: string }
  | { readonly kind: "token"; readonly serverAddress: string; readonly identityToken: string };

/** How a push talks to its registry. */
export interface PushOptions {
  /** Absent: anonymous. */
  readonly auth?: RegistryAuth;
  readonly onProgress?: (line: ProgressLine) => void;
}

/**
 * The registry refused a push or pull for want of (valid) credentials.
 * `credentialsSent` tells "log in first" from "wrong user name or password";
 * `engineMessage` is the engine's own wording.
 */
export class RegistryAuthError extends EngineError {
  constructor(
    message: string,
    readonly reference: string,
    readonly credentialsSent: boolean,
    readonly engineMessage: string,
  ) {
    super(message);
  }
}

/** Image calls. */
export interface ImageOperations {
  /**
   * Pushes one tag of a local image to the registry its name points at
   * (`reference` without a tag: `latest`; a digest reference is refused).
   * Failures the engine reports inside its progress stream are thrown like
   * any other; a refusal for want of credentials is a {@link RegistryAuthError}.
   */
  pushImage(reference: string, options?: PushOptions): Promise<void>;
}
