/**
 * Registry credentials as `docker login` leaves them: which registry a
 * reference lives in, the config.json lookups (auths by host, Docker Hub's
 * key, identity tokens, credential helpers), and the wording of a
 * registry's refusal with and without credentials.
 */
import { chmodSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { RegistryAuthError } from "../../../../../src/docker-api/operations/images.js";
import { EngineError, UsageError } from "../../../../../src/base/errors.js";
import { credentialsLookup, registryCredentials } from "../../../../../src/docker-api/credentials.js";
import { parseImageReference } from "../../../../../src/base/image-reference.js";
import { explainRegistryFailure } from "../../../../../src/targets/docker/images/registry-failure.js";
import { type TempProject, tempProject } from "../../../support/temp-project.js";

let folder: TempProject | undefined;
afterEach(() => {
  folder?.cleanup();
  folder = undefined;
});

/** A DOCKER_CONFIG folder holding `config` (and helper programs, put on PATH). */
function dockerConfig(config: unknown, helpers: Record<string, string> = {}): NodeJS.ProcessEnv {
  folder = tempProject({ "config.json": typeof config === "string" ? config : JSON.stringify(config) });
  for (const [name, script] of Object.entries(helpers)) chmodSync(folder.write(`bin/docker-credential-${name}`, `#!/bin/sh\n${script}\n`), 0o755);
  return { DOCKER_CONFIG: folder.dir, HOME: folder.dir, PATH: `${folder.path("bin")}:${process.env.PATH ?? ""}` };
}

const base64 = (text: string): string => Buffer.from(text).toString("base64");

describe("image references", () => {
  it.each([
    ["nginx", { registry: "docker.io", name: "nginx" }],
    ["library/nginx:1.27", { registry: "docker.io", name: "library/nginx", tag: "1.27" }],
    ["127.0.0.1:5000/team/web:1", { registry: "127.0.0.1:5000", name: "127.0.0.1:5000/team/web", tag: "1" }],
    ["localhost/web", { registry: "localhost", name: "localhost/web" }],
    ["ghcr.io/org/app@sha256:abc", { registry: "ghcr.io", name: "ghcr.io/org/app", digest: "sha256:abc" }],
    ["reg.example:5000/app:2@sha256:abc", { registry: "reg.example:5000", name: "reg.example:5000/app", tag: "2", digest: "sha256:abc" }],
  ])("%s must split as Docker splits it", (reference, expected) => {
    expect(parseImageReference(reference)).toEqual(expected);
  });
});

describe("registry credentials", () => {
  it("auths[host].auth must decode to user and password (a colon in the password kept)", async () => {
    const env = dockerConfig({ auths: { "127.0.0.1:5000": { auth: base64("alice:pa:ss") } } });
    expect((await registryCredentials("127.0.0.1:5000", env)).auth).toEqual({ kind: "password", serverAddress: "127.0.0.1:5000", username: "alice", password: "pa:ss" });
  });

  it("a key written with a scheme and path must match its host; another host must not", async () => {
    const env = dockerConfig({ auths: { "https://ghcr.io/v2/": { auth: base64("bob:token") } } });
    expect((await registryCredentials("ghcr.io", env)).auth).toMatchObject({ username: "bob", password: "token" });
    expect((await registryCredentials("quay.io", env)).auth).toBeUndefined();
  });

  it("Docker Hub's credentials must be read from https://index.docker.io/v1/; identity tokens kept as tokens", async () => {
    const env = dockerConfig({ auths: { "https://index.docker.io/v1/": { identitytoken: "tok" } } });
    expect((await registryCredentials("docker.io", env)).auth).toEqual({ kind: "token", serverAddress: "https://index.docker.io/v1/", identityToken: "tok" });
  });

  it("no config file must mean anonymous, naming the file looked at", async () => {
    folder = tempProject({});
    const found = await registryCredentials("127.0.0.1:5000", { DOCKER_CONFIG: folder.path("nothing-here") });
    expect(found).toEqual({ configFile: folder.path("nothing-here/config.json") });
  });

  it("a config that is not JSON, or an auth that is not user:password, must be a clear usage error", async () => {
    await expect(registryCredentials("x.io", dockerConfig("{ nope"))).rejects.toThrow(/the Docker config .*config\.json is not valid JSON/);
    await expect(registryCredentials("x.io", dockerConfig({ auths: { "x.io": { auth: base64("no-colon") } } }))).rejects.toThrow(UsageError);
  });

  it("credHelpers must win over auths; the helper's answer must be used, <token> as an identity token", async () => {
    const env = dockerConfig(
      { auths: { "a.io": { auth: base64("from:auths") } }, credHelpers: { "a.io": "fake", "b.io": "fake" } },
      { fake: `read server; if [ "$server" = a.io ]; then echo '{"ServerURL":"a.io","Username":"helper-user","Secret":"helper-secret"}'; else echo '{"ServerURL":"b.io","Username":"<token>","Secret":"refresh"}'; fi` },
    );
    expect((await registryCredentials("a.io", env)).auth).toEqual({ kind: "password", serverAddress: "a.io", username: "helper-user", password: "helper-secret" });
    expect((await registryCredentials("b.io", env)).auth).toEqual({ kind: "token", serverAddress: "b.io", identityToken: "refresh" });
  });

  it("a credsStore that holds nothing for the registry must mean anonymous", async () => {
    const env = dockerConfig({ credsStore: "empty" }, { empty: "echo 'credentials not found in native keychain'; exit 1" });
    expect((await registryCredentials("c.io", env)).auth).toBeUndefined();
  });

  it("a credsStore whose program is missing must say which program and where it was named", async () => {
    const env = dockerConfig({ credsStore: "nope-not-installed" });
    await expect(registryCredentials("c.io", env)).rejects.toThrow(/credential helper docker-credential-nope-not-installed \(credsStore in .*config\.json\) is not installed/);
  });

  it("one command must ask for a registry's credentials once", async () => {
    const env = dockerConfig({ credsStore: "counting" }, { counting: `echo x >> "${"$"}DOCKER_CONFIG/asked"; echo '{"ServerURL":"d.io","Username":"u","Secret":"s"}'` });
    const lookup = credentialsLookup(env);
    await Promise.all([lookup("d.io"), lookup("d.io"), lookup("d.io")]);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(`${env.DOCKER_CONFIG}/asked`, "utf8")).toBe("x\n");
  });
});

describe("a registry's refusal", () => {
  const found = { configFile: "/home/u/.docker/config.json" };
  const reference = "127.0.0.1:5000/x/web:1";

  it("without credentials must say to log in to that registry", () => {
    const error = explainRegistryFailure(new RegistryAuthError("…", reference, false, "no basic auth credentials"), "push", reference, found) as EngineError;
    expect(error.message).toBe("push 127.0.0.1:5000/x/web:1: authentication required: log in with `docker login 127.0.0.1:5000`");
    expect(error.hint).toContain("no credentials for 127.0.0.1:5000 in /home/u/.docker/config.json");
  });

  it("with credentials must say they are wrong, and where they came from", () => {
    const error = explainRegistryFailure(new RegistryAuthError("…", reference, true, "unauthorized: authentication required"), "pull", reference, { ...found, source: "auths" }) as EngineError;
    expect(error.message).toBe("pull 127.0.0.1:5000/x/web:1: unauthorized: wrong user name or password");
    expect(error.hint).toContain("come from auths in /home/u/.docker/config.json");
  });

  it("any other failure must pass through untouched", () => {
    const other = new EngineError("push image: manifest invalid");
    expect(explainRegistryFailure(other, "push", reference, found)).toBe(other);
  });
});
