/**
 * Top-level resources of the canonical stack: data containers, networks,
 * volumes, secrets and configs. Re-exported by model.ts.
 */
import type { Mount } from "./model-mounts.js";

/** A data container: exists only to hold volumes (tsd's addition; the seeds' pattern). */
export interface DataContainer {
  readonly name: string;
  readonly image: string;
  readonly volumes: readonly Mount[];
  /** Run once to completion (e.g. to seed content); absent: the container is created, not run. */
  readonly command?: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** A top-level network. */
export interface Network {
  /** Key in the stack. */
  readonly key: string;
  /** Engine name: `name:` if set, else `<project>_<key>`; the external name for external networks. */
  readonly name: string;
  readonly external: boolean;
  readonly driver?: string;
  readonly driverOpts: Readonly<Record<string, string>>;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly enableIpv4?: boolean;
  readonly enableIpv6?: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly ipam?: Ipam;
}

/** IP address management for a network. */
export interface Ipam {
  readonly driver?: string;
  readonly config: readonly IpamPool[];
  readonly options: Readonly<Record<string, string>>;
}

/** One IPAM pool. */
export interface IpamPool {
  readonly subnet?: string;
  readonly ipRange?: string;
  readonly gateway?: string;
  readonly auxAddresses: Readonly<Record<string, string>>;
}

/** A top-level named volume. */
export interface Volume {
  readonly key: string;
  /** Engine name: `name:` if set, else `<project>_<key>`. */
  readonly name: string;
  readonly external: boolean;
  readonly driver?: string;
  readonly driverOpts: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

/** A top-level secret or config. */
export interface FileObject {
  readonly key: string;
  readonly name: string;
  readonly external: boolean;
  /** Absolute host path (file source). */
  readonly file?: string;
  /** Name of a caller environment variable (environment source). */
  readonly environment?: string;
  /** Inline content (configs only). */
  readonly content?: string;
  /** Labels of the Swarm secret or config object (a single engine has no such object). */
  readonly labels: Readonly<Record<string, string>>;
  /** Swarm's secret or config store driver; absent: Swarm's own store. */
  readonly driver?: string;
  /** Options for `driver`, as written; absent when not written (a single engine warns about it when it is). */
  readonly driverOpts?: Readonly<Record<string, string>>;
  /** Swarm's templating driver for the content (e.g. `golang`); absent: the content is used verbatim. */
  readonly templateDriver?: string;
}
