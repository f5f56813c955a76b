/**
 * The dockerode client of one engine, with its API version negotiated, and
 * the small request helpers every adapter file shares: error translation,
 * "absent is fine" reads and removals, label filters, raw requests.
 */
import Docker from "dockerode";
import { EngineError } from "../../base/errors.js";
import type { LabelFilter } from "../engine.js";
import { CLIENT_MIN_API_VERSION, negotiateApiVersion, supportsApi } from "./api-version.js";
import { engineStatusCode, toEngineError, type EngineLocation } from "./engine-errors.js";

/** A client speaking the negotiated API version. */
export interface NegotiatedClient {
  readonly docker: Docker;
  /** The version requests are made with, e.g. `1.41`. */
  readonly apiVersion: string;
}

/**
 * One engine's connection. The API version is learnt on first use (from the
 * unversioned `/version`) rather than at construction, so connecting never
 * blocks and an engine started later is still found; a failed attempt is
 * retried on the next call.
 */
export class EngineClient {
  private negotiated: Promise<NegotiatedClient> | undefined;
  private unversioned: Docker | undefined;
  private answered = false;

  constructor(
    private readonly clientOptions: Docker.DockerOptions,
    private readonly place: EngineLocation,
    private readonly onDebug: (message: string) => void,
  ) {}

  /** Where the engine is, and whether it answered before: an engine that did and no longer does went away mid-run. */
  get location(): EngineLocation {
    return this.answered ? { ...this.place, answeredEarlier: true } : this.place;
  }

  /** The negotiated client, negotiating first if needed. */
  connected(): Promise<NegotiatedClient> {
    this.negotiated ??= this.negotiate().catch((error: unknown) => {
      this.negotiated = undefined;
      throw error;
    });
    return this.negotiated;
  }

  /**
   * A client without an API version in its paths: the engine answers those
   * in its own current version. Reads (list, inspect) use it, because their
   * answers only ever gain fields, so an observation costs no negotiation
   * round trip; writes, whose bodies depend on the version, negotiate.
   */
  private reader(): Docker {
    this.unversioned ??= new Docker(this.clientOptions);
    return this.unversioned;
  }

  /** Runs one read (list, inspect) with the unversioned client. */
  async read<T>(action: string, call: (docker: Docker) => Promise<T>): Promise<T> {
    return this.run(action, () => call(this.reader()));
  }

  private async negotiate(): Promise<NegotiatedClient> {
    const unversioned = this.reader();
    const version = await this.run("ask the engine its version", () => unversioned.version());
    const apiVersion = negotiateApiVersion(version.ApiVersion);
    if (!supportsApi(apiVersion, CLIENT_MIN_API_VERSION)) {
      throw new EngineError(
        `the engine at ${this.location.endpoint} speaks API ${version.ApiVersion}; tsd needs ${CLIENT_MIN_API_VERSION} or newer`,
        "upgrade Docker",
      );
    }
    this.onDebug(`engine at ${this.location.endpoint}: Docker ${version.Version}, API ${version.ApiVersion}; using API ${apiVersion}`);
    return { docker: new Docker({ ...this.clientOptions, version: `v${apiVersion}` }), apiVersion };
  }

  /** Runs one engine call; any failure becomes an EngineError naming `action`. */
  async run<T>(action: string, call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.answered = true;
      return result;
    } catch (error) {
      throw toEngineError(error, this.location, action);
    }
  }

  /** Runs one call with the negotiated client. */
  async call<T>(action: string, call: (docker: Docker) => Promise<T>): Promise<T> {
    const { docker } = await this.connected();
    return this.run(action, () => call(docker));
  }

  /** A read whose 404 means "absent": undefined instead of an error (unversioned, as {@link read}). */
  async optional<T>(action: string, call: (docker: Docker) => Promise<T>): Promise<T | undefined> {
    try {
      const result = await call(this.reader());
      this.answered = true;
      return result;
    } catch (error) {
      if (engineStatusCode(error) === 404) return undefined;
      throw toEngineError(error, this.location, action);
    }
  }

  /** A call whose listed statuses mean "already done" (404 on remove: already gone). */
  async idempotent(action: string, alreadyDone: readonly number[], call: (docker: Docker) => Promise<unknown>): Promise<void> {
    const { docker } = await this.connected();
    try {
      await call(docker);
    } catch (error) {
      const statusCode = engineStatusCode(error);
      if (statusCode !== undefined && alreadyDone.includes(statusCode)) return;
      throw toEngineError(error, this.location, action);
    }
  }
}

/**
 * A raw request through docker-modem, for the calls dockerode wraps badly:
 * its createContainer also copies the whole body into the query string and
 * drops the engine's `Warnings`; its non-follow logs parse output as JSON.
 * Every status but 200/201/204 rejects.
 */
export function dial<T>(docker: Docker, options: Parameters<Docker["modem"]["dial"]>[0]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial({ statusCodes: { 200: true, 201: true, 204: true }, ...options }, (error, result) => {
      if (error) reject(error);
      else resolve(result as T);
    });
  });
}

/** Docker's `label` filter: `key=value`, or `key` for "present with any value"; sorted for stable requests. */
export function labelFilters(labels: LabelFilter): { label: string[] } {
  return {
    label: Object.entries(labels)
      .map(([key, value]) => (value === undefined ? key : `${key}=${value}`))
      .sort(),
  };
}

/** Sorts by a string key, for deterministic lists. */
export function sortedBy<T>(items: T[], key: (item: T) => string): T[] {
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
