/**
 * The parts of an image reference the image verbs need, read the way Docker
 * reads them (distribution's reference grammar): which registry a reference
 * lives in, and whether it is pinned by digest.
 */

/** Docker Hub's registry name, for references without a registry part (`nginx`, `library/nginx:1`). */
export const DOCKER_HUB = "docker.io";

/** The key `docker login` writes Docker Hub's credentials under in config.json. */
export const DOCKER_HUB_CONFIG_KEY = "https://index.docker.io/v1/";

/** A reference split into its parts. */
export interface ImageReference {
  /** Host (and port) of the registry: `127.0.0.1:5000`, `ghcr.io`, or {@link DOCKER_HUB}. */
  readonly registry: string;
  /** Everything before the tag and digest, as written: `127.0.0.1:5000/team/web`. */
  readonly name: string;
  readonly tag?: string;
  /** `sha256:…` when pinned. */
  readonly digest?: string;
}

/**
 * Splits `reference`. The first path component is a registry when it looks
 * like a host (has a `.` or a `:`, or is `localhost`), as Docker decides;
 * otherwise the image is on Docker Hub.
 */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf("@");
  const withoutDigest = at >= 0 ? reference.slice(0, at) : reference;
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  const name = colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = colon > lastSlash ? withoutDigest.slice(colon + 1) : undefined;
  const slash = name.indexOf("/");
  const first = slash >= 0 ? name.slice(0, slash) : "";
  const isHost = first !== "" && (first.includes(".") || first.includes(":") || first === "localhost");
  return {
    registry: isHost ? first : DOCKER_HUB,
    name,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** The command that stores credentials for `registry` (Docker Hub's is the default, so it has no argument). */
export function loginCommand(registry: string): string {
  return registry === DOCKER_HUB ? "docker login" : `docker login ${registry}`;
}
