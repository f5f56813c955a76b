/**
 * The shapes both error translators read (engine-errors.ts for HTTP and
 * socket failures, tls-errors.ts for TLS ones): where the engine was looked
 * for, and what a failed docker-modem call carries.
 */

/** Where the adapter looked for an engine, for "nothing answered" messages. */
export interface EngineLocation {
  /** The endpoint in use, e.g. `unix:///var/run/docker.sock`. */
  readonly endpoint: string;
  /** Every place considered, in order, with why each was or was not used. */
  readonly lookedAt: readonly string[];
  /** The folder `ca.pem`, `cert.pem` and `key.pem` were read from, when the connection uses TLS. */
  readonly certPath?: string;
  /**
   * The engine answered an earlier call of this run: a failure to reach it
   * now means it went away mid-operation (stopped, restarted, crashed), not
   * that it was never there.
   */
  readonly answeredEarlier?: boolean;
}

/** What a failed docker-modem call (an HTTP answer, or a socket or TLS error) may carry. */
export interface ModemErrorShape {
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly json?: unknown;
  readonly message?: unknown;
  /** OpenSSL's short reason, on a TLS error. */
  readonly reason?: unknown;
}
