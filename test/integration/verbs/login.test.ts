/**
 * `tsd login` / `tsd logout` against a real private registry with basic
 * auth (Debian's docker-registry with htpasswd, scripts/registry.sh, which
 * installs it when missing and fails loudly when it cannot): the
 * credentials land where `docker login` puts them, push and pull go through
 * with them, logout removes them, and a wrong password fails in one line,
 * storing nothing. With a credential helper configured, the helper gets
 * them instead.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, dockerRaw } from "../support/docker.js";
import { copyFixture, type Fixture } from "../support/fixture.js";
import { type LocalRegistry, startRegistry } from "../images/local-registry.js";
import { runTsdWith } from "../support/tsd-process.js";

const USER = "tsd-login-tester";
const PASSWORD = "s3cret-login-password";

let registry: LocalRegistry;
let fixture: Fixture;
let configDir: string;
let image: string;

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { ...fixture.env, DOCKER_CONFIG: configDir, REGISTRY: registry.address, ...extra };
}

function config(): { auths?: Record<string, { auth?: string }>; credsStore?: string } {
  return JSON.parse(readFileSync(join(configDir, "config.json"), "utf8")) as { auths?: Record<string, { auth?: string }> };
}

beforeAll(async () => {
  registry = await startRegistry(USER, PASSWORD);
  fixture = copyFixture("images-registry");
  image = `${registry.address}/tsd-test/web:1`;
  configDir = mkdtempSync(join(tmpdir(), "tsd-it-verbs-login-"));
  const build = await fixture.run(["build", "-q", "-f", "stack.yml"], { env: env() });
  expect(build.status, build.stderr).toBe(0);
});

afterAll(async () => {
  await fixture?.cleanup();
  if (image) await dockerRaw(["image", "rm", "--force", image]);
  await registry?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

describe("tsd login / tsd logout", () => {
  it("with a wrong password must fail in one line, never show the password, and store nothing", async () => {
    const result = await runTsdWith(["login", registry.address, "-u", USER, "--password-stdin"], fixture.dir, "not-the-password\n", env());
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^tsd: login to ${registry.address.replace(/\./g, "\\.")} refused: wrong user name or password[^\\n]*\\n$`));
    expect(result.stdout + result.stderr).not.toContain("not-the-password");
    expect(existsSync(join(configDir, "config.json"))).toBe(false);
  });

  it("must store the credentials as docker login does, then push and pull go through them", async () => {
    const login = await runTsdWith(["login", registry.address, "-u", USER, "--password-stdin"], fixture.dir, `${PASSWORD}\n`, env());
    expect(login.status, login.stderr).toBe(0);
    expect(login.stdout).toBe("Login Succeeded\n");
    expect(login.stdout + login.stderr).not.toContain(PASSWORD);
    expect(config().auths?.[registry.address]?.auth).toBe(Buffer.from(`${USER}:${PASSWORD}`).toString("base64"));
    expect(statSync(join(configDir, "config.json")).mode & 0o777).toBe(0o600);
    // The docker CLI reads the same file: it is logged in too.
    expect((await dockerRaw(["--config", configDir, "pull", "--quiet", `${registry.address}/nothing/here:1`])).stderr).not.toContain("no basic auth credentials");

    const push = await fixture.run(["push", "-f", "stack.yml"], { env: env() });
    expect(push.status, push.stderr).toBe(0);
    const pushedId = (await docker(["image", "inspect", "--format", "{{.Id}}", image])).trim();
    await docker(["image", "rm", image]);
    const pull = await fixture.run(["pull", "-f", "stack.yml"], { env: env() });
    expect(pull.status, pull.stderr).toBe(0);
    expect((await docker(["image", "inspect", "--format", "{{.Id}}", image])).trim()).toBe(pushedId);
  });

  it("logout must remove the entry, after which the registry refuses a push", async () => {
    const logout = await fixture.run(["logout", registry.address], { env: env() });
    expect(logout.status, logout.stderr).toBe(0);
    expect(logout.stdout).toBe(`Removing login credentials for ${registry.address}\n`);
    expect(config().auths?.[registry.address]).toBeUndefined();
    const push = await fixture.run(["push", "-f", "stack.yml"], { env: env() });
    expect(push.status).toBe(1);
    expect(push.stderr).toContain("authentication required");
    const again = await fixture.run(["logout", registry.address], { env: env() });
    expect(again.stdout).toBe(`Not logged in to ${registry.address}\n`);
  });

  it("with a credential helper configured must hand the credentials to it, not to config.json", async () => {
    const helperDir = mkdtempSync(join(tmpdir(), "tsd-it-verbs-helper-"));
    try {
      const store = join(helperDir, "store.json");
      writeFileSync(join(helperDir, "docker-credential-tsdtest"), `#!/bin/sh\ncase "$1" in\n  store) cat > "${store}" ;;\n  erase) cat > "${helperDir}/erased" ;;\n  get) echo "credentials not found"; exit 1 ;;\nesac\n`);
      chmodSync(join(helperDir, "docker-credential-tsdtest"), 0o755);
      writeFileSync(join(configDir, "config.json"), JSON.stringify({ credsStore: "tsdtest", auths: {} }));
      const helperEnv = env({ PATH: `${helperDir}:${process.env.PATH ?? ""}` });
      const login = await runTsdWith(["login", registry.address, "-u", USER, "--password-stdin"], fixture.dir, PASSWORD, helperEnv);
      expect(login.status, login.stderr).toBe(0);
      expect(JSON.parse(readFileSync(store, "utf8"))).toEqual({ ServerURL: registry.address, Username: USER, Secret: PASSWORD });
      expect(config()).toEqual({ credsStore: "tsdtest", auths: { [registry.address]: {} } });
      const logout = await fixture.run(["logout", registry.address], { env: helperEnv });
      expect(logout.status, logout.stderr).toBe(0);
      expect(readFileSync(join(helperDir, "erased"), "utf8")).toBe(registry.address);
      expect(config().auths?.[registry.address]).toBeUndefined();
    } finally {
      rmSync(helperDir, { recursive: true, force: true });
    }
  });
});
