/**
 * Secrets reach the container and nowhere else: a file secret is
 * bind-mounted read-only under /run/secrets; a secret from tsd's environment
 * and an inline config are written into the container before it starts; no
 * value appears in tsd's own output, in labels or in the environment.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execInContainer, inspectContainer, projectResources } from "../support/docker.js";
import { copyFixture, type Fixture } from "../support/fixture.js";

const TOKEN = "token-value-4f2a91";
let fixture: Fixture;
beforeAll(() => {
  fixture = copyFixture("secrets-delivered");
});
afterAll(async () => fixture.cleanup());

describe("secrets", () => {
  it("an environment secret that is not set is refused before anything is created", async () => {
    const up = await fixture.run(["up", "-d", "-f", "stack.yml"]);
    expect(up.status).toBe(1);
    expect(up.stderr).toContain("service app: secret api_token comes from the environment variable API_TOKEN, which is not set");
    expect((await projectResources(fixture.projectName)).containers).toEqual([]);
  });

  it("must deliver every form to the container, read-only where mounted, and print no value", async () => {
    const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"], { env: { API_TOKEN: TOKEN } });
    expect(up.status, up.stderr).toBe(0);
    const app = `${fixture.projectName}-app-1`;
    const read = await execInContainer(app, ["sh", "-c", "cat /run/secrets/db_password /run/secrets/api_token; echo; cat /etc/app.conf; stat -c '%a %n' /run/secrets/api_token /etc/app.conf"]);
    expect(read.stdout).toBe(`file-secret-value\n${TOKEN}\nlog_level=debug\n400 /run/secrets/api_token\n444 /etc/app.conf\n`);
    const info = await inspectContainer(app);
    expect(info.Mounts.filter((mount) => mount.Destination.startsWith("/run/secrets")).map((mount) => `${mount.Destination} ${mount.RW ? "rw" : "ro"}`)).toEqual([
      "/run/secrets/db_password ro",
    ]);
    // Not in the container's environment or labels, nor in anything tsd prints.
    expect(JSON.stringify(info.Config.Env)).not.toContain(TOKEN);
    expect(JSON.stringify(info.Config.Labels)).not.toContain(TOKEN);
    const outputs = await Promise.all(
      [["config"], ["config", "--format", "json"], ["plan"], ["ps", "--format", "json"], ["inspect", "app", "--format", "json"]].map((args) =>
        fixture.run([...args, "-f", "stack.yml"], { env: { API_TOKEN: TOKEN } }),
      ),
    );
    for (const output of [up, ...outputs]) {
      expect(output.stdout + output.stderr).not.toContain(TOKEN);
      expect(output.stdout + output.stderr).not.toContain("file-secret-value");
    }
    // A second up changes nothing (the value is not part of the container's identity).
    const again = await fixture.run(["up", "-d", "-f", "stack.yml"], { env: { API_TOKEN: TOKEN } });
    expect((await inspectContainer(app)).Id).toBe(info.Id);
    expect(again.status).toBe(0);
  });
});
