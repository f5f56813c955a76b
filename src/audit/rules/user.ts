/**
 * Running as root (CIS Docker Benchmark 4.1). Root in a container is the
 * host's root as far as the kernel is concerned, held back only by the
 * isolation layers; one breakout or one writable host mount away from the
 * host. The image's own USER is unknown without the engine, so a service
 * without `user:` is reported "unless the image sets USER" — except when tsd
 * builds the image and its Dockerfile says which user it runs as.
 */
import { resolve } from "node:path";
import { type DockerfileUser, dockerfileUser } from "../dockerfile-user.js";
import type { Observation, ReadFile, ServiceRule } from "../finding.js";
import type { Build } from "../../stack/model.js";
import { isRemoteContext } from "../../stack/paths.js";

const FIX = '`user: "10001:10001"` (an unprivileged UID that owns what the service writes)';
const BUILT_FIX = `${FIX}, or \`USER 10001\` at the end of its Dockerfile`;

/** `root`, `0`, `root:…`, `0:…`: the user part decides. */
function isRootUser(user: string): boolean {
  const name = user.split(":")[0]?.trim() ?? "";
  return name === "" || name === "root" || name === "0";
}

/** What the service's Dockerfile says, when tsd builds the image from a readable local Dockerfile. */
function builtUser(build: Build, readFile: ReadFile): DockerfileUser | undefined {
  const text = build.dockerfileInline ?? (isRemoteContext(build.context) ? undefined : readFile(resolve(build.context, build.dockerfile ?? "Dockerfile")));
  return text === undefined ? undefined : dockerfileUser(text, build.target, build.args);
}

const runsAsRoot: ServiceRule = {
  id: "runs-as-root", severity: "medium", scope: "service", summary: "no user, or user root / 0",
  check: ({ service, path }, { locator, readFile }): Observation[] => {
    if (service.user !== undefined) {
      if (!isRootUser(service.user)) return [];
      return [{ location: locator.best([...path, "user"]), message: `runs as root (user: "${service.user}")`, fix: FIX }];
    }
    const built = service.build ? builtUser(service.build, readFile) : undefined;
    const at = locator.best(path);
    if (built === undefined) return [{ location: at, message: "runs as root unless the image sets USER (the service sets no user)", fix: FIX }];
    switch (built.kind) {
      case "set":
        if (!isRootUser(built.user)) return [];
        return [{ location: at, message: `runs as root: its Dockerfile sets USER ${built.user} (line ${built.line})`, fix: BUILT_FIX }];
      // The Dockerfile chose a user through a build variable: trust the choice rather than guess.
      case "unresolved":
        return [];
      case "inherited":
        return [{ location: at, message: "runs as root unless its base image sets USER (the built stage of its Dockerfile has none)", fix: BUILT_FIX }];
    }
  },
};

/** The rules of this family. */
export const USER_RULES: readonly ServiceRule[] = [runsAsRoot];
