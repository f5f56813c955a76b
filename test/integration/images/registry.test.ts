/**
 * `tsd push` and `tsd pull` through a real private registry with basic auth
 * (scripts/registry.sh), credentials read from DOCKER_CONFIG as `docker
 * login` writes them: no credentials and wrong ones fail clearly with exit
 * 1; right ones push, and pull brings the very image back. Then an image
 * pinned by digest: kept verbatim by config, up, ps; never pulled again when
 * present; pulled by digest when absent.
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, dockerRaw } from "../support/docker.js";
import { copyFixture, type Fixture } from "../support/fixture.js";
import { type DockerConfigFolder, dockerConfigWith, type LocalRegistry, startRegistry } from "./local-registry.js";

const USER = "tsd-tester";
const PASSWORD = "right-password";

let registry: LocalRegistry;
let fixture: Fixture;
let image: string;
const configs: DockerConfigFolder[] = [];

/** A DOCKER_CONFIG for this registry with these credentials (none: logged in nowhere). */
function loggedIn(credentials?: { user: string; password: string }): Record<string, string> {
  const config = dockerConfigWith(registry.address, credentials);
  configs.push(config);
  return { DOCKER_CONFIG: config.dir, REGISTRY: registry.address };
}

async function imageId(reference: string): Promise<string> {
  return (await docker(["image", "inspect", "--format", "{{.Id}}", reference])).trim();
}

beforeAll(async () => {
  registry = await startRegistry(USER, PASSWORD);
  fixture = copyFixture("images-registry");
  image = `${registry.address}/tsd-test/web:1`;
  const build = await fixture.run(["build", "-q", "-f", "stack.yml"], { env: { REGISTRY: registry.address } });
  expect(build.status, build.stderr).toBe(0);
});

afterAll(async () => {
  await fixture?.cleanup();
  const leftovers = await dockerRaw(["image", "ls", "--quiet", `${registry?.address}/tsd-test/web`]);
  const ids = [...new Set(leftovers.stdout.split("\n").filter(Boolean))];
  if (ids.length > 0) await dockerRaw(["image", "rm", "--force", ...ids]);
  await registry?.stop();
  configs.forEach((config) => config.remove());
});

describe("tsd push / pull through a registry with basic auth", () => {
  it("without credentials, push and pull must fail with 'authentication required' and exit 1", async () => {
    const env = loggedIn();
    const push = await fixture.run(["push", "-f", "stack.yml"], { env });
    expect(push.status).toBe(1);
    expect(push.stderr).toContain(`tsd: service web: push ${image}: authentication required: log in with \`docker login ${registry.address}\`\n`);
    const pull = await fixture.run(["pull", "-f", "stack.yml"], { env });
    expect(pull.status).toBe(1);
    expect(pull.stderr).toContain(`tsd: service web: pull ${image}: authentication required: log in with \`docker login ${registry.address}\`\n`);
  });

  it("with a wrong password, push and pull must fail with 'wrong user name or password' and exit 1", async () => {
    const env = loggedIn({ user: USER, password: "wrong" });
    const push = await fixture.run(["push", "-f", "stack.yml"], { env });
    expect(push.status).toBe(1);
    expect(push.stderr).toContain(`tsd: service web: push ${image}: unauthorized: wrong user name or password\n`);
    const pull = await fixture.run(["pull", "-f", "stack.yml"], { env });
    expect(pull.status).toBe(1);
    expect(pull.stderr).toContain(`tsd: service web: pull ${image}: unauthorized: wrong user name or password\n`);
  });

  it("with the right credentials, push must succeed and pull must bring the same image back", async () => {
    const env = loggedIn({ user: USER, password: PASSWORD });
    const builtId = await imageId(image);
    const push = await fixture.run(["push", "-f", "stack.yml"], { env });
    expect(push.status, push.stderr).toBe(0);
    expect(push.stderr).toContain(`✔ web: pushed ${image}\n`);

    await docker(["image", "rm", image]);
    expect((await dockerRaw(["image", "inspect", image])).status).not.toBe(0);
    const pull = await fixture.run(["pull", "-f", "stack.yml"], { env });
    expect(pull.status, pull.stderr).toBe(0);
    expect(pull.stderr).toContain(`✔ web: pulled ${image}\n`);
    expect(await imageId(image)).toBe(builtId);
  });

  it("an image pinned by digest must be kept verbatim, not pulled when present, and pulled by digest when absent", async () => {
    const env = loggedIn({ user: USER, password: PASSWORD });
    const repoDigest = (await docker(["image", "inspect", "--format", "{{index .RepoDigests 0}}", image])).trim();
    const pinned = `${image}@${repoDigest.slice(repoDigest.indexOf("@") + 1)}`;
    writeFileSync(fixture.path("pinned.yml"), `services:\n  pinned:\n    image: "${pinned}"\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n`);

    const config = await fixture.run(["config", "-f", "pinned.yml"], { env });
    expect(config.stdout).toContain(`image: ${pinned}\n`);
    const up = await fixture.run(["up", "-d", "-f", "pinned.yml", "--progress", "plain"], { env });
    expect(up.status, up.stderr).toBe(0);
    expect(up.stderr).not.toContain("pull image");
    const container = `${fixture.projectName}-pinned-1`;
    expect((await docker(["container", "inspect", "--format", "{{.Config.Image}}", container])).trim()).toBe(pinned);
    const ps = await fixture.run(["ps", "-f", "pinned.yml", "--format", "json"], { env });
    expect((JSON.parse(ps.stdout) as { image: string }[]).map((row) => row.image)).toEqual([pinned]);
    const again = await fixture.run(["pull", "-f", "pinned.yml"], { env });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe(`- pinned: skipped, ${pinned} is pinned by digest and already present\n`);

    const down = await fixture.run(["down", "-f", "pinned.yml"], { env });
    expect(down.status, down.stderr).toBe(0);
    const id = await imageId(pinned);
    await docker(["image", "rm", "--force", id]);
    const pull = await fixture.run(["pull", "-f", "pinned.yml"], { env });
    expect(pull.status, pull.stderr).toBe(0);
    expect(await imageId(pinned)).toBe(id);
  });
});
