/**
 * Engine API versions: what tsd asks for, and how to compare. The client
 * never hard-codes a version the engine may not speak; it asks the engine
 * (unversioned `/version`) and talks the lower of the two, as the Docker CLI
 * does. Fields newer than the negotiated version are dropped before create
 * (see container-body.ts), so an older engine runs the container instead of
 * rejecting it, and the caller is told what was left out.
 */

/** The newest API version whose fields this adapter knows how to send. */
export const CLIENT_MAX_API_VERSION = "1.47";

/** Older engines lack `HostConfig.Mounts` options and `Init` that tsd relies on. */
export const CLIENT_MIN_API_VERSION = "1.30";

/** `-1`, `0` or `1` as `a` is older than, equal to or newer than `b` (`"1.41"` vs `"1.44"`). */
export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  if (aMajor !== bMajor) return aMajor < bMajor ? -1 : 1;
  if (aMinor !== bMinor) return aMinor < bMinor ? -1 : 1;
  return 0;
}

/** True when `apiVersion` is `minimum` or newer. */
export function supportsApi(apiVersion: string, minimum: string): boolean {
  return compareApiVersions(apiVersion, minimum) >= 0;
}

/** The version to talk: the engine's own, capped at what this client knows. */
export function negotiateApiVersion(engineApiVersion: string): string {
  return supportsApi(engineApiVersion, CLIENT_MAX_API_VERSION) ? CLIENT_MAX_API_VERSION : engineApiVersion;
}
